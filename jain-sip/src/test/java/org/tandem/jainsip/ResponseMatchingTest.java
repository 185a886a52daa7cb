package org.tandem.jainsip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.SipStackImpl;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.stack.CountingClientTransaction;
import gov.nist.javax.sip.stack.MessageChannel;
import java.net.InetAddress;
import java.time.Duration;
import javax.sip.SipFactory;
import javax.sip.header.ViaHeader;
import javax.sip.message.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Patch 0007 (patches/0007-response-matched-by-its-branch-alone.patch): a response whose top Via branch has the RFC
 * 3261 magic cookie is matched to a client transaction by that branch alone (RFC 3261 §17.1.3), the key of the
 * stack's table; one that matches none (a retransmitted 2xx after its INVITE transaction ended, a late response) is
 * no longer tested against every client transaction of the stack. A branch of RFC 2543 is tested against the
 * transactions of RFC 2543 branches (patch 0027; before it, against every one).
 *
 * <p>Unpatched jain-sip 1.3.0-91 fails {@link #aResponseOfAnUnknownBranchIsNotTestedAgainstEveryTransaction}: it
 * asks every client transaction ({@code ./mvnw -o -pl jain-sip test -Djain-sip.patches=none}).
 */
class ResponseMatchingTest {

    StackPeer client;
    SipStackImpl stack;
    MessageChannel channel;
    SIPRequest request;
    CountingClientTransaction pending;

    @BeforeEach
    void aPendingClientTransaction() throws Exception {
        client = new StackPeer("client", "udp");
        stack = (SipStackImpl) client.stack;
        request = (SIPRequest) TransactionEndParseTest.options(client, client);
        ((ViaHeader) request.getHeader(ViaHeader.NAME)).setBranch("z9hG4bK-pending-1");
        pending = CountingClientTransaction.to(stack, InetAddress.getByName(StackPeer.HOST), StackPeer.freePort());
        channel = pending.getMessageChannel();
        pending.setOriginalRequest(request);
        stack.addTransaction(pending);
    }

    @AfterEach
    void stop() {
        // a stack stopped before the thread of its UDP processor ran throws (upstream's race; this test sends
        // nothing, so it can be that quick): stopped again until that thread has run
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            client.close();
            return true;
        });
        SipFactory.getInstance().resetFactory();
    }

    SIPResponse okWithBranch(String branch) throws Exception {
        SIPResponse ok = (SIPResponse) client.messages.createResponse(Response.OK, request);
        ((ViaHeader) ok.getHeader(ViaHeader.NAME)).setBranch(branch);
        return ok;
    }

    @Test
    void aResponseOfAnUnknownBranchIsNotTestedAgainstEveryTransaction() throws Exception {
        stack.newSIPServerResponse(okWithBranch("z9hG4bK-ended-2"), channel);

        assertThat(pending.matchTests).as("client transactions asked").hasValue(0);
    }

    @Test
    void aResponseOfItsBranchIsStillTestedAgainstItsTransaction() throws Exception {
        stack.newSIPServerResponse(okWithBranch("z9hG4bK-pending-1"), channel);
        pending.releaseSem();
        assertThat(pending.matchTests).as("found by its branch").hasValue(1);

        stack.newSIPServerResponse(okWithBranch("Z9HG4BK-PENDING-1"), channel);
        pending.releaseSem();
        assertThat(pending.matchTests).as("found by its branch in upper case").hasValue(2);
    }

    /**
     * Patch 0027: a response of an RFC 2543 branch is tested against the client transactions whose own branch has no
     * cookie only (§17.1.3); a transaction of a cookie branch can never match it (its branch is compared with the
     * response's composite id), and was asked before the patch.
     */
    @Test
    void aResponseOfAnRfc2543BranchIsTestedAgainstRfc2543TransactionsOnly() throws Exception {
        stack.newSIPServerResponse(okWithBranch("rfc2543-3"), channel);
        assertThat(pending.matchTests)
                .as("a transaction of a cookie branch is not asked")
                .hasValue(0);

        SIPRequest old = (SIPRequest) TransactionEndParseTest.options(client, client);
        ((ViaHeader) old.getHeader(ViaHeader.NAME)).setBranch("rfc2543-pending-4");
        CountingClientTransaction legacy =
                CountingClientTransaction.to(stack, InetAddress.getByName(StackPeer.HOST), StackPeer.freePort());
        legacy.setOriginalRequest(old);
        stack.addTransaction(legacy);
        stack.newSIPServerResponse(okWithBranch("rfc2543-3"), channel);

        assertThat(legacy.matchTests)
                .as("a transaction of an RFC 2543 branch still is")
                .hasPositiveValue();
        assertThat(pending.matchTests).hasValue(0);
    }
}
