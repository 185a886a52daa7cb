package org.tandem.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;

/** The registrar over real UDP against the real stack and an H2 file database. */
class RegistrarIT {

    static final String SECRET = "s3cret-101";

    @TempDir
    static Path data;
    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data);
        UserDirectory users = pbx.bean(UserDirectory.class);
        users.create(new UserDraft("101", "Alice", SECRET, null));
        users.create(new UserDraft("102", "Bob", "s3cret-102", null));
        users.create(new UserDraft("103", "Carol", "s3cret-103", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void registersWithMd5AndListsTheBinding() {
        try (UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .contact("<sip:101@127.0.0.1:" + phone.localPort() + ">").header("Expires: 600");
            SipText ok = DigestRegistration.register(phone, reg, "101", SECRET, "MD5");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.headers("Contact")).singleElement().asString()
                    .startsWith("<sip:101@127.0.0.1:" + phone.localPort() + ">;expires=");
            assertThat(ok.header("Date")).endsWith("GMT");
            assertThat(pbx.bean(LocationService.class).lookup("101")).singleElement().satisfies(b -> {
                assertThat(b.sourcePort()).isEqualTo(phone.localPort());
                assertThat(b.transport()).isEqualTo("udp");
                assertThat(b.userAgent()).isEqualTo("Tandem-Test/1.0");
            });
        }
    }
}
