package org.tandem.pbx.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.testsupport.DigestRegistration;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RegisterMessage;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;

/**
 * Over the wire: a right answer to an expired nonce (lifetime 1 ms here, so every nonce is expired by
 * the time it comes back) is re-challenged with stale=true and is not an authentication failure.
 */
class StaleNonceIT {

    @Test
    void rightAnswerToExpiredNonceGetsStaleChallengeAndIsNotAFailure(@TempDir Path data) {
        try (PbxTestContext pbx = PbxTestContext.start(
                        data, Map.of("tandem.auth.nonce-lifetime", "1ms", "tandem.security.max-failures", "1"));
                UdpSipPeer phone = new UdpSipPeer(pbx.sipPort())) {
            pbx.bean(UserDirectory.class).create(new UserDraft("601", "Ida", "s3cret-601", null));
            RegisterMessage reg = new RegisterMessage(pbx.sipPort(), phone.localPort())
                    .user("601")
                    .contact("<sip:601@127.0.0.1:" + phone.localPort() + ">");
            SipText challenge = phone.exchange(reg.authorization(null).build());
            assertThat(challenge.status()).isEqualTo(401);
            // the nonce must really be older than its 1 ms: on a fast machine the answer can come back within the
            // millisecond it was issued in, and would then (rightly) be valid
            long challenged = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(1)).until(() -> System.currentTimeMillis() - challenged >= 2);
            SipText stale = DigestRegistration.answer(phone, reg, challenge, "601", "s3cret-601", "SHA-256", 1);
            assertThat(stale.status()).isEqualTo(401);
            assertThat(stale.headers("WWW-Authenticate")).hasSize(2).allMatch(h -> h.contains("stale=true"));
            assertThat(pbx.bean(LocationService.class).lookup("601")).isEmpty();
            // max-failures is 1: had it counted as a failure, 127.0.0.1 would be banned now
            assertThat(pbx.bean(BanRegistry.class).current()).isEmpty();
        }
    }
}
