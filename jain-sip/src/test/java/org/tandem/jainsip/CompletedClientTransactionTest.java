package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.ReleaseReferencesStrategy;
import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPTransactionImpl;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.sip.SipFactory;
import javax.sip.TransactionState;
import javax.sip.header.CallIdHeader;
import javax.sip.message.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A non-INVITE client transaction Completed for Timer K (T4, 5 s over UDP, RFC 3261 §17.1.2.2), where it only absorbs
 * retransmitted final responses. Patch 0026 (patches/0026-completed-client-transaction-keeps-no-merge-id.patch): it
 * keeps no merge id (the stack reads only server transactions' — an INVITE's, §8.2.2.2 — and {@code getMergeId()}
 * computes it when asked). And what Tandem's proxy relies on when it asks {@code Aggressive} of a forwarded non-INVITE
 * (pbx-core's {@code ProxyBranch}): neither the request nor its bytes are kept once answered (upstream's behaviour).
 * Real stacks over loopback.
 *
 * <p>Without 0026 both tests fail: the merge id is kept (under Aggressive too, where upstream stored it before letting
 * the request go).
 */
class CompletedClientTransactionTest {

    static final Duration WAIT = Duration.ofSeconds(10);

    final List<StackPeer> peers = new ArrayList<>();

    @AfterEach
    void stop() {
        peers.forEach(StackPeer::close);
        SipFactory.getInstance().resetFactory();
    }

    @Test
    void aCompletedNonInviteKeepsNoMergeIdAndComputesItWhenAsked() throws Exception {
        SIPClientTransaction ct = completed(ReleaseReferencesStrategy.Normal);
        assertThat(field(ct, "mergeId")).as("not kept for a non-INVITE").isNull();
        String callId = ((CallIdHeader) ct.getRequest().getHeader(CallIdHeader.NAME)).getCallId();
        assertThat(ct.getMergeId())
                .as("computed from the request kept as bytes")
                .contains(callId);
    }

    @Test
    void aCompletedNonInviteLetGoForGoodKeepsNoRequest() throws Exception {
        SIPClientTransaction ct = completed(ReleaseReferencesStrategy.Aggressive);
        assertThat(ct.getRequest()).isNull();
        assertThat(field(ct, "originalRequestBytes")).as("not as bytes either").isNull();
        assertThat(ct.getMergeId()).isNull();
    }

    /** An OPTIONS over UDP in a client transaction of {@code strategy}, once Completed by its 200. */
    private SIPClientTransaction completed(ReleaseReferencesStrategy strategy) throws Exception {
        StackPeer server = new StackPeer("server", "udp");
        peers.add(server);
        StackPeer client = new StackPeer("client", "udp");
        peers.add(client);
        TransactionEndParseTest.answer200(server, new AtomicReference<>(), 10);
        Request options = TransactionEndParseTest.options(client, server);
        SIPClientTransaction ct = (SIPClientTransaction) client.provider.getNewClientTransaction(options);
        ct.setReleaseReferencesStrategy(strategy);
        ct.sendRequest();
        await().atMost(WAIT).until(() -> ct.getState() == TransactionState.COMPLETED);
        return ct;
    }

    private static Object field(Object of, String name) throws Exception {
        Field f = SIPTransactionImpl.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(of);
    }
}
