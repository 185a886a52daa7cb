package org.tandem.pbx.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.UdpSipPeer;
import org.tandem.pbx.voicemail.VoicemailBoxDraft;
import org.tandem.pbx.voicemail.VoicemailBoxes;

/**
 * A caller from another domain (not a local user) must not learn which extensions exist: by default
 * it is challenged like anyone else, whether the extension exists or not, and reaches no phone.
 * With {@code tandem.proxy.anonymous-inbound=true} plain SIP URI dialling works (and 404/480 differ).
 */
class AnonymousInboundIT {

    @TempDir
    Path data;

    @Test
    void foreignCallersAreChallengedForExistingAndMissingExtensionsAlike() {
        try (PbxTestContext pbx = PbxTestContext.start(data, Map.of());
                UdpSipPeer scanner = new UdpSipPeer(pbx.sipPort())) {
            pbx.bean(UserDirectory.class).create(new UserDraft("301", "Known", "s3cret-301", null));
            SipText known = scanner.exchange(invite(pbx, scanner, "301", "scan-1"));
            SipText missing = scanner.exchange(invite(pbx, scanner, "399", "scan-2"));
            assertThat(known.status()).isEqualTo(407);
            assertThat(missing.status()).isEqualTo(407);
            assertThat(known.startLine()).isEqualTo(missing.startLine());
        }
    }

    @Test
    void withAnonymousInboundAllowedForeignCallersReachExtensions() {
        try (PbxTestContext pbx = PbxTestContext.start(data, Map.of("tandem.proxy.anonymous-inbound", "true"));
                UdpSipPeer caller = new UdpSipPeer(pbx.sipPort())) {
            pbx.bean(UserDirectory.class).create(new UserDraft("301", "Known", "s3cret-301", null));
            pbx.bean(VoicemailBoxes.class)
                    .update(
                            "301",
                            new VoicemailBoxDraft(false, null, null, null, null, null)); // 480, not its voicemail
            assertThat(caller.exchange(invite(pbx, caller, "301", "anon-1")).status())
                    .isEqualTo(480);
            assertThat(caller.exchange(invite(pbx, caller, "399", "anon-2")).status())
                    .isEqualTo(404);
        }
    }

    private static String invite(PbxTestContext pbx, UdpSipPeer peer, String extension, String callId) {
        return "INVITE sip:" + extension + "@" + PbxTestContext.DOMAIN + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + peer.localPort() + ";branch=z9hG4bK-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:scanner@elsewhere.example>;tag=" + callId + "\r\n"
                + "To: <sip:" + extension + "@" + PbxTestContext.DOMAIN + ">\r\n"
                + "Call-ID: " + callId + "@elsewhere.example\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:scanner@127.0.0.1:" + peer.localPort() + ">\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
