package org.tandem.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.TcpSipPeer;

/** RFC 5626 CRLF keepalives on the TCP connection a phone opened and registered over. */
class NatKeepaliveIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of("tandem.sip.keepalive-interval", "500ms"));
        pbx.bean(UserDirectory.class).create(new UserDraft("501", "Hal", "s3cret-501", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void tcpBindingGetsCrlfKeepalivesOnItsOwnConnection() {
        try (TcpSipPeer phone = new TcpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user("501")
                    .transport("TCP")
                    .contact("<sip:501@10.1.2.3:5060;transport=tcp>");
            assertThat(DigestRegistration.register(phone, reg, "501", "s3cret-501", "MD5")
                            .status())
                    .isEqualTo(200);
            assertThat(pbx.bean(LocationService.class).lookup("501"))
                    .singleElement()
                    .satisfies(b -> assertThat(b.transport()).isEqualTo("tcp"));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                phone.next(Duration.ofMillis(300));
                return phone.keepalivesSeen() >= 2;
            });
        }
    }
}
