package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.stack.CountingClientTransaction;
import gov.nist.javax.sip.stack.CountingServerTransaction;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sip.SipFactory;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Patch 0028 (patches/0028-cancel-matched-by-its-branch.patch): the transaction a CANCEL cancels is looked up by the
 * CANCEL's branch when it has the RFC 3261 magic cookie (§9.2: the CANCEL's top Via matches the cancelled request's,
 * whose branch keys the table), and among the transactions of RFC 2543 requests when it has not (§17.2.3), for CANCELs
 * received (server transactions) and sent (client transactions). Before it, every transaction of the table was asked,
 * for each CANCEL received, from anyone before authentication (§22.1: a CANCEL is never challenged).
 *
 * <p>Unpatched (0001–0027) this fails {@link #aCancelOfAnUnknownBranchAsksNoServerTransaction} and
 * {@link #aCancelOfAnUnknownBranchAsksNoClientTransaction}: every transaction is asked (the other two tests that count
 * fail too when the walk meets another transaction before the right one, as the table's order has it).
 */
class CancelMatchingTest {

    StackPeer peer;
    SipStackImpl stack;
    InetAddress host;
    final List<CountingServerTransaction> received = new ArrayList<>();
    final List<CountingClientTransaction> sent = new ArrayList<>();

    @BeforeEach
    void invitesReceivedAndSent() throws Exception {
        peer = new StackPeer("peer", "udp");
        stack = (SipStackImpl) peer.stack;
        host = InetAddress.getByName(StackPeer.HOST);
        for (String branch : List.of("z9hG4bK-in-1", "z9hG4bK-in-2", "z9hG4bK-in-3")) {
            CountingServerTransaction transaction = CountingServerTransaction.to(stack, host, StackPeer.freePort());
            transaction.setOriginalRequest(invite(branch));
            stack.addTransaction(transaction);
            received.add(transaction);
        }
        for (String branch : List.of("z9hG4bK-out-1", "z9hG4bK-out-2", "z9hG4bK-out-3")) {
            CountingClientTransaction transaction = CountingClientTransaction.to(stack, host, StackPeer.freePort());
            transaction.setOriginalRequest(invite(branch));
            stack.addTransaction(transaction);
            sent.add(transaction);
        }
    }

    @AfterEach
    void stop() {
        // as in ResponseMatchingTest: a stack stopped before its UDP processor's thread ran throws; again until it ran
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            peer.close();
            return true;
        });
        SipFactory.getInstance().resetFactory();
    }

    SIPRequest invite(String branch) throws Exception {
        SIPRequest invite = (SIPRequest) TransactionEndParseTest.options(peer, peer);
        invite.setMethod(Request.INVITE);
        ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).setMethod(Request.INVITE);
        ((ViaHeader) invite.getHeader(ViaHeader.NAME)).setBranch(branch);
        return invite;
    }

    /** §9.1: the CANCEL of {@code invite}, its top Via (branch included) and the other identifying fields the same. */
    static SIPRequest cancelOf(SIPRequest invite, String branch) throws Exception {
        SIPRequest cancel = invite.createCancelRequest();
        ((ViaHeader) cancel.getHeader(ViaHeader.NAME)).setBranch(branch);
        return cancel;
    }

    static int asked(List<? extends Object> transactions) {
        return transactions.stream()
                .mapToInt(t -> t instanceof CountingServerTransaction s
                        ? s.cancelTests.get()
                        : ((CountingClientTransaction) t).cancelTests.get())
                .sum();
    }

    @Test
    void aCancelOfAnUnknownBranchAsksNoServerTransaction() throws Exception {
        SIPRequest cancel = cancelOf(invite("z9hG4bK-gone-9"), "z9hG4bK-gone-9");

        assertThat(stack.findCancelTransaction(cancel, true)).isNull();
        assertThat(asked(received)).as("server transactions asked").isZero();
    }

    @Test
    void aCancelOfAnUnknownBranchAsksNoClientTransaction() throws Exception {
        SIPRequest cancel = cancelOf(invite("z9hG4bK-gone-9"), "z9hG4bK-gone-9");

        assertThat(stack.findCancelTransaction(cancel, false)).isNull();
        assertThat(asked(sent)).as("client transactions asked").isZero();
    }

    @Test
    void aCancelFindsTheInviteOfItsBranchAndAsksOnlyIt() throws Exception {
        CountingServerTransaction second = received.get(1);
        SIPRequest cancel = cancelOf(second.getOriginalRequest(), "z9hG4bK-in-2");

        assertThat(stack.findCancelTransaction(cancel, true)).isSameAs(second);
        assertThat(second.cancelTests).hasValue(1);
        assertThat(asked(received)).as("the others are not asked").isEqualTo(1);

        SIPRequest upper = cancelOf(second.getOriginalRequest(), "Z9HG4BK-IN-2");
        assertThat(stack.findCancelTransaction(upper, true))
                .as("without case, as the table keys its transactions (SIPMessage.getTransactionId)")
                .isSameAs(second);

        CountingClientTransaction third = sent.get(2);
        assertThat(stack.findCancelTransaction(cancelOf(third.getOriginalRequest(), "z9hG4bK-out-3"), false))
                .isSameAs(third);
        assertThat(asked(sent)).isEqualTo(1);
    }

    /** The branch alone is not enough: the sent-by of the top Via must be the cancelled request's too (§9.2). */
    @Test
    void aCancelOfTheBranchFromAnotherSentByCancelsNothing() throws Exception {
        SIPRequest cancel = cancelOf(received.get(0).getOriginalRequest(), "z9hG4bK-in-1");
        ((ViaHeader) cancel.getHeader(ViaHeader.NAME)).setPort(StackPeer.freePort());

        assertThat(stack.findCancelTransaction(cancel, true)).isNull();
        assertThat(received.get(0).cancelTests).as("asked, and said no").hasValue(1);
    }

    /** §17.2.3: a CANCEL without the cookie is matched by the RFC 2543 rules against RFC 2543 INVITEs only. */
    @Test
    void anRfc2543CancelFindsItsRfc2543InviteAndAsksNoRfc3261Transaction() throws Exception {
        SIPRequest old = invite("rfc2543-4");
        CountingServerTransaction legacy = CountingServerTransaction.to(stack, host, StackPeer.freePort());
        legacy.setOriginalRequest(old);
        stack.addTransaction(legacy);

        assertThat(stack.findCancelTransaction(cancelOf(old, "rfc2543-4"), true))
                .isSameAs(legacy);
        assertThat(asked(received))
                .as("transactions of cookie branches are not asked")
                .isZero();

        assertThat(stack.findCancelTransaction(cancelOf(old, "rfc2543-5"), true))
                .as("another top Via is another request")
                .isNull();
    }
}
