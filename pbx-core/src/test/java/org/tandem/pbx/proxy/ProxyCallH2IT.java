package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gov.nist.javax.sip.stack.SIPClientTransaction;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.pbx.sip.SipTransports;

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
     * their response context were a call's largest live heap at 1,000 calls/s). The INVITE's branch stays with its
     * transaction: 2xx retransmissions still go upstream through it (§16.7 step 5).
     */
    @Test
    void anAnsweredByesClientTransactionKeepsNoneOfTheCall() throws Exception {
        Sipp.Run uas = callee("uas-answer", "112").start();
        Sipp.Run uac = caller("uac-call", "112").start();
        assertThat(uac.exitCode()).as(uac::log).isZero();
        assertThat(uas.exitCode()).as(uas::log).isZero();

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            List<SIPClientTransaction> byes = clientTransactions(Request.BYE);
            assertThat(byes).as("the BYE towards 112, still Completed").isNotEmpty();
            assertThat(byes).extracting(ct -> ownerOf(ct.getApplicationData())).doesNotContain("ProxyBranch");
        });
        assertThat(clientTransactions(Request.INVITE))
                .extracting(ct -> ownerOf(ct.getApplicationData()))
                .contains("ProxyBranch");
    }

    private static String ownerOf(Object applicationData) {
        return applicationData == null ? "none" : applicationData.getClass().getSimpleName();
    }

    /** The stack's client transactions of one method (its table is protected: read as a test may). */
    private List<SIPClientTransaction> clientTransactions(String method) throws ReflectiveOperationException {
        Field table = SIPTransactionStack.class.getDeclaredField("clientTransactionTable");
        table.setAccessible(true);
        Map<?, ?> all = (Map<?, ?>) table.get(transports.provider().getSipStack());
        return all.values().stream()
                .map(SIPClientTransaction.class::cast)
                .filter(ct -> Objects.equals(method, ct.getMethod()))
                .toList();
    }
}
