package org.tandem.pbx.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.SippRunner;

/**
 * SIPp (a real, independent SIP implementation) registers against the registrar over UDP and TCP,
 * with MD5 offered first: SIPp 3.6 gives up on a first challenge that is not MD5.
 */
class RegistrarSippIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        assumeTrue(SippRunner.available(), "SIPp (Debian sip-tester) is not installed");
        // SIPp 3.6 reads only the first challenge and knows only MD5 (RFC 8760 clients pick the first
        // they support; SIPp does not): offer MD5 first, as an admin would for such clients.
        pbx = PbxTestContext.start(data, java.util.Map.of("tandem.auth.algorithms", "MD5,SHA-256"));
        pbx.bean(UserDirectory.class).create(new UserDraft("201", "Sipp", "sipp-secret-1", null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    private SippRunner.Result sipp(String scenario, String transport, String password, Path work) {
        return SippRunner.run(
                "/sipp/registrar/" + scenario,
                pbx.sipPort(),
                transport,
                List.of("-s", "201", "-au", "201", "-ap", password, "-key", "domain", PbxTestContext.DOMAIN),
                work);
    }

    @Test
    void sippRegistersOverUdp(@TempDir Path work) {
        SippRunner.Result r = sipp("register.xml", "u1", "sipp-secret-1", work);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(pbx.bean(LocationService.class).lookup("201"))
                .anyMatch(b -> b.transport().equals("udp"));
    }

    @Test
    void sippRegistersOverTcp(@TempDir Path work) {
        SippRunner.Result r = sipp("register.xml", "t1", "sipp-secret-1", work);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(pbx.bean(LocationService.class).lookup("201"))
                .anyMatch(b -> b.transport().equals("tcp"));
    }

    @Test
    void sippWithWrongPasswordIsChallengedAgain(@TempDir Path work) {
        SippRunner.Result r = sipp("register-rejected.xml", "u1", "wrong-password", work);
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
