package org.tandem.pbx.registrar.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.sip.InboundRequest;
import org.tandem.pbx.testsupport.OfflineSipTransports;

/** RFC 3261 §17.2.2 and §17.2.3 for UDP REGISTERs kept without a stack transaction. */
class UdpRegisterTransactionsTest {

    final OfflineSipTransports sip = new OfflineSipTransports();
    final AtomicLong now = new AtomicLong(1_000);
    final UdpRegisterTransactions transactions = new UdpRegisterTransactions(now::get);

    Request register(String branch, String sentBy) {
        return sip.parse("REGISTER sip:tandem.test SIP/2.0\n"
                + "Via: SIP/2.0/UDP " + sentBy + (branch == null ? "" : ";branch=" + branch) + "\n"
                + "From: <sip:101@tandem.test>;tag=a\n"
                + "To: <sip:101@tandem.test>\n"
                + "Call-ID: c1\n"
                + "CSeq: 2 REGISTER\n"
                + "Content-Length: 0\n\n");
    }

    InboundRequest inbound(Request request, String transport, int sourcePort) {
        return new InboundRequest(null, request, "192.0.2.7", sourcePort, transport);
    }

    UdpRegisterTransactions.Key key(String branch) {
        return transactions.key(inbound(register(branch, "192.0.2.7:5060"), "udp", 5060));
    }

    @Test
    void theKeyIsBranchSentByAndSourceAndOnlyForRfc3261BranchesOverUdp() {
        Request r = register("z9hG4bK-1", "192.0.2.7:5060");
        UdpRegisterTransactions.Key key = transactions.key(inbound(r, "udp", 5060));
        assertThat(key).isNotNull().isEqualTo(key("z9hG4bK-1"));
        assertThat(key("z9hG4bK-2")).isNotEqualTo(key);
        // another sent-by, another source port: another transaction (§17.2.3), never answered across
        assertThat(transactions.key(inbound(register("z9hG4bK-1", "192.0.2.7:5062"), "udp", 5060)))
                .isNotEqualTo(key);
        assertThat(transactions.key(inbound(r, "udp", 40000))).isNotEqualTo(key);
        // a connection (never retransmitted) and RFC 2543 branches keep the stack's transaction
        assertThat(transactions.key(inbound(r, "tcp", 5060))).isNull();
        assertThat(key("1234abcd")).isNull();
        assertThat(key("z9hG4bK")).isNull();
        assertThat(key(null)).isNull();
    }

    /** The key is a hash under a secret made at start: another instance (another start) keys the same request apart. */
    @Test
    void theKeyIsKeyedPerInstance() {
        UdpRegisterTransactions other = new UdpRegisterTransactions(now::get);
        InboundRequest r = inbound(register("z9hG4bK-1", "192.0.2.7:5060"), "udp", 5060);
        assertThat(other.key(r)).isEqualTo(other.key(r)).isNotEqualTo(transactions.key(r));
    }

    /** Many transactions at once (a busy second) are all told apart, and each finds its own answer. */
    @Test
    void manyTransactionsEachKeepTheirOwnState() throws Exception {
        Request request = register("z9hG4bK-x", "192.0.2.7:5060");
        Response forbidden = sip.messageFactory().createResponse(403, request);
        for (int i = 0; i < 20_000; i++)
            assertThat(transactions.begin(key("z9hG4bK-" + i))).isNull();
        for (int i = 0; i < 20_000; i += 2) transactions.answered(key("z9hG4bK-" + i), forbidden);
        assertThat(transactions.size()).isEqualTo(20_000);
        for (int i = 0; i < 20_000; i++) {
            assertThat(transactions.begin(key("z9hG4bK-" + i)))
                    .isEqualTo(
                            i % 2 == 0
                                    ? new UdpRegisterTransactions.Answered(forbidden)
                                    : new UdpRegisterTransactions.Trying());
        }
    }

    @Test
    void aRetransmissionIsDiscardedWhileTryingAndAnsweredOnceCompleted() throws Exception {
        UdpRegisterTransactions.Key key = key("z9hG4bK-1");
        assertThat(transactions.begin(key)).as("new").isNull();
        assertThat(transactions.begin(key)).isInstanceOf(UdpRegisterTransactions.Trying.class);

        Request request = register("z9hG4bK-1", "192.0.2.7:5060");
        Response ok = sip.messageFactory().createResponse(200, request);
        transactions.answered(key, ok);
        assertThat(transactions.begin(key)).isEqualTo(new UdpRegisterTransactions.Ok("101"));

        UdpRegisterTransactions.Key refused = key("z9hG4bK-2");
        transactions.begin(refused);
        Response forbidden = sip.messageFactory().createResponse(403, request);
        transactions.answered(refused, forbidden);
        assertThat(transactions.begin(refused)).isEqualTo(new UdpRegisterTransactions.Answered(forbidden));
    }

    @Test
    void anEntryLivesAtLeastTimerJAndIsForgottenWithinTwice() throws Exception {
        long j = TimeUnit.SECONDS.toNanos(32);
        UdpRegisterTransactions.Key early = key("z9hG4bK-early");
        transactions.begin(early);
        now.addAndGet(j - 1);
        UdpRegisterTransactions.Key late = key("z9hG4bK-late");
        transactions.begin(late);
        now.addAndGet(2); // a new generation: both still known
        assertThat(transactions.begin(early)).isNotNull();
        assertThat(transactions.begin(late)).isNotNull();
        // the answer of a REGISTER begun in the previous generation is found first
        transactions.answered(late, sip.messageFactory().createResponse(200, register("z9hG4bK-late", "192.0.2.7")));
        assertThat(transactions.begin(late)).isInstanceOf(UdpRegisterTransactions.Ok.class);
        now.addAndGet(j); // two generations on: forgotten, a copy now would be a new request
        assertThat(transactions.begin(early)).isNull();
        // the late answer, made in the generation before this one, is still known (32 s old, kept up to 64)
        assertThat(transactions.begin(late)).isInstanceOf(UdpRegisterTransactions.Ok.class);
        assertThat(transactions.size()).as("early begun anew, late's answer").isEqualTo(2);
    }
}
