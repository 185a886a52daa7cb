package org.tandem.provisioning.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.registrar.Binding;

class PhoneBindingsTest {

    static final Device DESK = new Device(
            "001565aabbcc",
            "yealink",
            "SIP-T46S",
            null,
            null,
            List.of("401"),
            List.of(),
            true,
            Instant.EPOCH,
            Instant.EPOCH,
            Instant.EPOCH,
            "192.0.2.10");

    static Binding binding(String userAgent, String instance, String source) {
        return new Binding(
                "401",
                "sip:401@" + source + ":5060",
                "c",
                1,
                Instant.now().plusSeconds(600),
                1000,
                source,
                5060,
                "udp",
                userAgent,
                instance,
                instance == null ? 0 : 1,
                Instant.now());
    }

    @Test
    void theMacInTheUserAgentOrTheInstanceIdIsThePhones() {
        assertThat(PhoneBindings.isPhones(
                        binding("Yealink SIP-T46S 66.86.0.15 00:15:65:aa:bb:cc", null, "198.51.100.7"), DESK))
                .isTrue();
        assertThat(PhoneBindings.isPhones(
                        binding(
                                "Yealink SIP-T46S 66.86.0.15",
                                "<urn:uuid:00000000-0000-1000-8000-001565AABBCC>",
                                "198.51.100.7"),
                        DESK))
                .isTrue();
        // another Yealink of the same user, from the phone's own address: its MAC says it is another device
        assertThat(PhoneBindings.isPhones(
                        binding("Yealink SIP-T46S 66.86.0.15 00:15:65:aa:bb:cd", null, "192.0.2.10"), DESK))
                .isFalse();
    }

    @Test
    void aSoftphoneOfTheSameUserIsNotThePhoneEvenFromItsAddress() {
        assertThat(PhoneBindings.isPhones(binding("baresip v3.10.1 (x86_64/Linux)", null, "192.0.2.10"), DESK))
                .isFalse();
        assertThat(PhoneBindings.isPhones(
                        binding(
                                "Linphone/5.2 (belle-sip/5.2)",
                                "<urn:uuid:3c1a5f2e-9b7d-4e21-8f00-6d2b9c0e4a71>",
                                "192.0.2.10"),
                        DESK))
                .isFalse();
    }

    @Test
    void withoutAMacTheFetchAddressAndTheVendorTogetherAreThePhones() {
        assertThat(PhoneBindings.isPhones(binding("Yealink SIP-T46S 66.86.0.15", null, "192.0.2.10"), DESK))
                .isTrue();
        assertThat(PhoneBindings.isPhones(binding("Yealink SIP-T46S 66.86.0.15", null, "192.0.2.11"), DESK))
                .isFalse();
    }
}
