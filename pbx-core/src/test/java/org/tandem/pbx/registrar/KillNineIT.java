package org.tandem.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.ForkedPbx;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.UdpSipPeer;

/** A registration answered 200 OK survives kill -9 of the PBX right after the answer. */
class KillNineIT {

    @Test
    void bindingAnswered200SurvivesKillMinusNine(@TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (ForkedPbx pbx = ForkedPbx.start(data, "701:s3cret-701");
                UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user("701")
                    .contact("<sip:701@192.168.7.1:5060>;expires=3600");
            assertThat(DigestRegistration.register(phone, reg, "701", "s3cret-701", "MD5")
                            .status())
                    .isEqualTo(200);
            pbx.kill();
        }
        try (PbxTestContext again = PbxTestContext.start(data)) {
            assertThat(again.bean(LocationService.class).lookup("701"))
                    .singleElement()
                    .satisfies(b -> assertThat(b.contactUri()).isEqualTo("sip:701@192.168.7.1:5060"));
        }
    }
}
