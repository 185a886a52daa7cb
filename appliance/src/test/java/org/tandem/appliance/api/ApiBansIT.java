package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.tandem.appliance.TandemApplication;
import org.tandem.appliance.testsupport.ApiClient;
import org.tandem.appliance.testsupport.FreshSipStack;
import org.tandem.appliance.testsupport.RawHttp;
import org.tandem.pbx.testsupport.FreePorts;

/**
 * Failed API logins feed the real ban registry (the one SIP digest failures feed): after
 * {@code tandem.security.max-failures} of them an address is refused, an admin sees and lifts the ban.
 */
@SpringBootTest(classes = TandemApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@ExtendWith(FreshSipStack.class)
class ApiBansIT {

    private static final String ATTACKER = "127.0.0.2";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void appliance(DynamicPropertyRegistry registry) {
        int sipPort = FreePorts.udpAndTcp();
        registry.add("tandem.data-dir", () -> dataDir.toString());
        registry.add("tandem.admin.initial-password", () -> "admin-secret-1");
        registry.add("tandem.sip.bind-address", () -> "127.0.0.1");
        registry.add("tandem.sip.port", () -> sipPort);
        registry.add("tandem.sip.tls-port", () -> 0);
        registry.add("tandem.https-port", () -> 0);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("tandem.security.max-failures", () -> 3);
    }

    @LocalServerPort
    int port;

    @Test
    void repeatedFailedLoginsBanTheAddressUntilAnAdminLiftsIt() {
        ApiClient admin = new ApiClient(port).as("admin", "admin-secret-1");
        for (int i = 0; i < 3; i++) {
            assertThat(RawHttp.get(ATTACKER, port, "/api/v1/users", "admin", "guess-" + i))
                    .isEqualTo(401);
        }

        assertThat(RawHttp.get(ATTACKER, port, "/api/v1/users", "admin", "admin-secret-1"))
                .as("even the right password is refused from a banned address")
                .isEqualTo(403);
        ApiClient.Response bans = admin.get("/api/v1/bans");
        assertThat(bans.status()).isEqualTo(200);
        assertThat(bans.json().size()).isEqualTo(1);
        assertThat(bans.json().get(0).get("address").asText()).isEqualTo(ATTACKER);
        assertThat(bans.json().get(0).get("failures").asInt()).isGreaterThanOrEqualTo(3);

        assertThat(admin.delete("/api/v1/bans/" + ATTACKER).status()).isEqualTo(204);
        assertThat(RawHttp.get(ATTACKER, port, "/api/v1/users", "admin", "admin-secret-1"))
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/bans").json().size()).isZero();
    }
}
