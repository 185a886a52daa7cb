package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPServerTransaction;
import java.time.Duration;
import java.util.List;
import javax.sip.TransactionState;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.StackTransactions;

/** The proxy call scenarios on the embedded H2 file database (the zero-setup default). */
class ProxyCallH2IT extends AbstractProxyCallIT {

    @DynamicPropertySource
    static void h2(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.datasource.url",
                () -> "jdbc:h2:file:" + DATA.resolve("tandem")
                        + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;NON_KEYWORDS=VALUE");
    }

    @Autowired
    SipTransports transports;

    /**
     * A forwarded BYE's client transaction stays Completed for Timer K (5 s over UDP, RFC 3261 §17.1.2.2) once the
     * callee answered; it must keep none of the call meanwhile (issue 23: its branch, the BYE's two parsed copies and
     * their response context were a call's largest live heap at 1,000 calls/s).
     */
    @Test
    void anAnsweredByesClientTransactionKeepsNoneOfTheCall() throws Exception {
        Sipp.Run uas = callee("uas-answer", "112").start();
        Sipp.Run uac = caller("uac-call", "112").start();
        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(uas.exitCode()).as(uas::log).isZero();

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            List<SIPClientTransaction> byes = StackTransactions.clientTransactions(transports, Request.BYE);
            assertThat(byes).as("the BYE towards 112, still Completed").isNotEmpty();
            assertThat(byes).extracting(ct -> ownerOf(ct.getApplicationData())).doesNotContain("ProxyBranch");
        });
    }

    /**
     * A forwarded INVITE's client transaction is TERMINATED by the 2xx (RFC 3261 §17.1.1.2) and stays in the stack's
     * table until its next tick (T1); it must keep none of the call meanwhile (issue 23: its branch, the response
     * context and both parsed INVITEs were most of what a young collection copied of a call). A 2xx retransmitted
     * meanwhile goes upstream the stray way, as after its removal (§16.7 step 5; AnchoredCallIT: its SDP anchored).
     */
    @Test
    void anAnsweredInvitesClientTransactionKeepsNoneOfTheCall() throws Exception {
        try (RawPhone caller = new RawPhone(SIP_PORT, DOMAIN, "113", "secret113");
                RawPhone callee = new RawPhone(SIP_PORT, DOMAIN, "112", "secret112")) {
            callee.register();
            RawPhone.Leg call = caller.invite("112");
            SipText invite = callee.request("INVITE");
            // one branch per contact of 112 (an earlier test's may still be bound): the one the callee answers counts
            List<SIPClientTransaction> branches =
                    StackTransactions.clientTransactions(transports, Request.INVITE, call.callId);
            assertThat(branches)
                    .as("ringing: each with its branch")
                    .isNotEmpty()
                    .extracting(ct -> ownerOf(ct.getApplicationData()))
                    .containsOnly("ProxyBranch");

            callee.respond(invite, 200, "OK");
            caller.answered(call);
            await().atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(branches)
                            .filteredOn(ct -> ct.getState() == TransactionState.TERMINATED)
                            .as("the answered branch's transaction")
                            .hasSize(1)
                            .extracting(ct -> ownerOf(ct.getApplicationData()))
                            .containsOnly("none"));

            callee.request("ACK");
            long bye = caller.send(call, "BYE");
            callee.respond(callee.request("BYE"), 200, "OK");
            assertThat(caller.finalResponse(call, "BYE", bye).status()).isEqualTo(200);
        }
    }

    /**
     * Once answered, what a proxied call's transactions keep for RFC 3261's timers. The INVITE's server transaction
     * leaves the stack's table at once (jain-sip patch 0025): its key alone absorbs a retransmitted INVITE for Timer L
     * (RFC 6026 §7.1, the Accepted state), which reaches neither the proxy nor the callee. The BYE's server transaction
     * stays Completed for Timer J (32 s over UDP, §17.2.2) to answer a retransmitted BYE with the same 200, without its
     * request, parsed or as bytes (the response context held it while it was needed); the forwarded BYE's client
     * transaction stays Completed for Timer K (T4, §17.1.2.2) without its request either (the proxy's branch held it).
     * Issue 23: each was ~0.4–1.3 KB per call that young collections copied in a call's first seconds.
     */
    @Test
    void anAnsweredCallsTransactionsKeepNotTheirRequests() throws Exception {
        try (RawPhone caller = new RawPhone(SIP_PORT, DOMAIN, "113", "secret113");
                RawPhone callee = new RawPhone(SIP_PORT, DOMAIN, "112", "secret112")) {
            callee.register();
            RawPhone.Leg call = caller.invite("112");
            callee.respond(callee.request("INVITE"), 200, "OK");
            caller.answered(call);
            callee.request("ACK");
            await().atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(StackTransactions.serverTransactions(transports, Request.INVITE))
                            .as("the caller's INVITE, answered 2xx, out of the table")
                            .noneMatch(st -> call.inviteBranch.equalsIgnoreCase(st.getBranch())));
            caller.retransmitInvite(call);
            assertThatThrownBy(() -> callee.request("INVITE", Duration.ofSeconds(1)))
                    .as("the retransmitted INVITE absorbed, not forwarded again")
                    .isInstanceOf(AssertionError.class);
            List<SIPServerTransaction> byesBefore = StackTransactions.serverTransactions(transports, Request.BYE);

            long bye = caller.send(call, "BYE");
            callee.respond(callee.request("BYE"), 200, "OK");
            assertThat(caller.finalResponse(call, "BYE", bye).status()).isEqualTo(200);
            assertThat(StackTransactions.serverTransactions(transports, Request.BYE))
                    .filteredOn(st -> !byesBefore.contains(st))
                    .as("the caller's BYE, answered")
                    .singleElement()
                    .satisfies(st -> {
                        assertThat(st.getState()).isEqualTo(TransactionState.COMPLETED);
                        assertThat(st.getRequest()).as("its request, let go").isNull();
                    });
            await().atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(
                                    StackTransactions.clientTransactions(transports, Request.BYE, call.callId))
                            .as("the BYE forwarded to the callee, answered")
                            .singleElement()
                            .satisfies(ct -> {
                                assertThat(ct.getState()).isEqualTo(TransactionState.COMPLETED);
                                assertThat(ct.getRequest())
                                        .as("its request, let go")
                                        .isNull();
                            }));
        }
    }

    private static String ownerOf(Object applicationData) {
        return applicationData == null ? "none" : applicationData.getClass().getSimpleName();
    }
}
