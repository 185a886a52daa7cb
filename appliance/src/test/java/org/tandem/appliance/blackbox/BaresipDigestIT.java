package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 22, "digest defaults that work with real phones": with the appliance's default settings, Debian's
 * baresip 1.0 registers. Before, every 401 listed a SHA-256 challenge next to the MD5 one, and this baresip gave
 * up on the whole response ("Register: Function not implemented") instead of taking the MD5 one (RFC 8760 §2.4);
 * now SHA-256 is offered only to the user agents of {@code tandem.auth.sha256-user-agents}.
 */
class BaresipDigestIT {

    @RegisterExtension
    static final TandemExtension tandem =
            TandemExtension.shared(); // the defaults (no tandem.auth.* flag); numbers of its own

    private static final String PASSWORD = "Default-digest-1";

    @BeforeAll
    static void users() {
        tandem.api().createUser("493", "Baresip UDP", PASSWORD);
        tandem.api().createUser("494", "Baresip TCP", PASSWORD);
    }

    @ParameterizedTest(name = "over {0}")
    @ValueSource(strings = {"udp", "tcp"})
    void baresipRegistersWithTheDefaultDigestSettings(String transport) {
        String ext = "udp".equals(transport) ? "493" : "494";
        try (Baresip phone = Baresip.start(tandem.process(), ext, PASSWORD, transport)) {
            // this phone's binding: a start attempt discarded for a taken port may have registered too (Baresip)
            Predicate<String> ofThisPhone = c -> c.matches(".*@127\\.0\\.0\\.1:" + phone.sipPort() + "(;.*)?");
            Awaitility.await(ext + " registered with the default digest settings")
                    .atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> tandem.api().contactsOf(ext).stream().anyMatch(ofThisPhone));
            assertThat(tandem.api().registrationsOf(ext))
                    .filteredOn(r -> ofThisPhone.test(r.get("contact").asText()))
                    .singleElement()
                    .satisfies(r -> {
                        assertThat(r.get("userAgent").asText()).containsIgnoringCase("baresip");
                        assertThat(r.get("transport").asText()).isEqualToIgnoringCase(transport);
                    });
        }
    }
}
