package org.tandem.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.UdpSipPeer;

/** Bindings are in the database before the 200 OK, come back after a restart, and leave when due. */
class RegistrationPersistenceIT {

    @TempDir
    Path data;

    static void register(PbxTestContext pbx, String ext, String contact) {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user(ext)
                    .contact(contact);
            assertThat(DigestRegistration.register(phone, reg, ext, "s3cret-" + ext, "SHA-256")
                            .status())
                    .isEqualTo(200);
        }
    }

    @Test
    void bindingsSurviveARestartOnTheSameDatabase() {
        Binding before;
        try (PbxTestContext pbx = PbxTestContext.start(data)) {
            pbx.bean(UserDirectory.class).create(new UserDraft("301", "Dora", "s3cret-301", null));
            register(pbx, "301", "<sip:301@192.168.1.30:5060>;expires=1200");
            register(pbx, "301", "<sip:301@192.168.1.31:5060>;expires=600");
            before = pbx.bean(LocationService.class)
                    .findByContact("sip:301@192.168.1.30:5060")
                    .orElseThrow();
        }
        try (PbxTestContext again = PbxTestContext.start(data)) {
            LocationService location = again.bean(LocationService.class);
            assertThat(location.lookup("301")).hasSize(2);
            Binding after = location.findByContact("sip:301@192.168.1.30:5060").orElseThrow();
            assertThat(after.sourceAddress()).isEqualTo(before.sourceAddress());
            assertThat(after.sourcePort()).isEqualTo(before.sourcePort());
            assertThat(after.transport()).isEqualTo("udp");
            assertThat(after.callId()).isEqualTo(before.callId());
            assertThat(after.cseq()).isEqualTo(before.cseq());
            assertThat(after.expiresAt()).isEqualTo(before.expiresAt());
            assertThat(after.userAgent()).isEqualTo("Tandem-Test/1.0");
        }
    }

    @Test
    void deletedUsersLoseTheirBindingsAndExpiredOnesArePruned() {
        try (PbxTestContext pbx = PbxTestContext.start(
                data, Map.of("tandem.registrar.min-expires", "1", "tandem.registrar.prune-interval", "200ms"))) {
            UserDirectory users = pbx.bean(UserDirectory.class);
            users.create(new UserDraft("302", "Eve", "s3cret-302", null));
            users.create(new UserDraft("303", "Finn", "s3cret-303", null));
            register(pbx, "302", "<sip:302@192.168.1.32:5060>;expires=600");
            register(pbx, "303", "<sip:303@192.168.1.33:5060>;expires=1");
            LocationService location = pbx.bean(LocationService.class);
            JdbcClient jdbc = pbx.bean(JdbcClient.class);

            users.delete("302");
            assertThat(location.lookup("302")).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> count(jdbc, "302") == 0);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> location.lookup("303").isEmpty() && count(jdbc, "303") == 0);
        }
    }

    static long count(JdbcClient jdbc, String aor) {
        return jdbc.sql("SELECT COUNT(*) FROM registration WHERE aor = ?")
                .param(aor)
                .query(Long.class)
                .single();
    }
}
