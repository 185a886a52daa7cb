package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** OPTIONS to the server (RFC 3261 §11): the liveness probe phones and monitors use. */
class OptionsIT {

    @RegisterExtension
    static final TandemExtension tandem = TandemExtension.shared(); // numbers and names of its own

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void optionsToTheServerIsAnswered200WithAllowAcceptSupported(Sipp.Transport transport) {
        tandem.sipp("options", "uac.xml").transport(transport).runAndAssertSuccess();
    }

    @Test
    void aHundredOptionsInARowAreAllAnswered() {
        tandem.sipp("options", "uac.xml")
                .calls(100)
                .arg("-r", "50")
                .timeout(Duration.ofSeconds(30))
                .runAndAssertSuccess();
    }

    @Test
    void answerCarriesTheRequestsIdentifiersAndAToTag() {
        try (RawSip udp = RawSip.open("UDP", tandem.process().sipPort())) {
            SipText ok = udp.ping(Duration.ofSeconds(5));
            assertThat(ok).as("200 to OPTIONS").isNotNull();
            assertThat(ok.status()).isEqualTo(200);
            // RFC 3261 §8.2.6.2: a To tag on every final response of a UAS
            assertThat(ok.header("to")).contains(";tag=");
            assertThat(ok.header("cseq")).isEqualTo("1 OPTIONS");
            // RFC 3581 §4: rport filled in with the source port
            assertThat(ok.header("via")).contains("rport=" + udp.localPort());
            assertThat(ok.header("allow")).contains("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "REGISTER");
        }
    }
}
