package org.tandem.pbx.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.pbx.presence.PresenceIT.subscribe;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.testsupport.TcpSipPeer;

/**
 * Watcher information for presence (RFC 3857, {@code Event: presence.winfo}; documents RFC 3858, each validated
 * against its schema): a user's client learns who watches its presence as colleagues subscribe and leave; nobody
 * else may learn it (403). Raw SIP over TCP.
 */
class WatcherInfoIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static final String DOMAIN = PbxTestContext.DOMAIN;

    @BeforeAll
    static void start() {
        // PresenceIT's helpers answer digest challenges with "secret" + extension
        pbx = PbxTestContext.start(
                data, Map.of("tandem.auth.algorithms", "MD5,SHA-256", "tandem.sip.keepalive-interval", "1h"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : new String[] {"481", "482", "483"}) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @Test
    void theUserSeesItsWatchersComeAndGoAndNobodyElseMayLook() {
        try (TcpSipPeer own = new TcpSipPeer(pbx.sipPort());
                TcpSipPeer colleague = new TcpSipPeer(pbx.sipPort());
                TcpSipPeer nosy = new TcpSipPeer(pbx.sipPort())) {
            SipText ok = subscribe(own, "481", "481", "presence.winfo", "application/watcherinfo+xml", 600);
            assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
            SipText first = PresenceIT.notify(own);
            assertThat(first.header("Event")).isEqualTo("presence.winfo");
            assertThat(first.header("Content-Type")).isEqualTo("application/watcherinfo+xml");
            assertThat(first.body())
                    .contains("version=\"0\"")
                    .contains("state=\"full\"")
                    .contains("resource=\"sip:481@" + DOMAIN + "\"")
                    .contains("package=\"presence\"")
                    .doesNotContain("<watcher ");

            SipText watching = subscribe(colleague, "482", "481", "presence", "application/pidf+xml", 600);
            assertThat(watching.status()).isEqualTo(200);
            PresenceIT.notify(colleague);
            SipText told = PresenceIT.notify(own);
            assertThat(told.body())
                    .contains("version=\"1\"")
                    .containsPattern("<watcher [^>]*status=\"active\"[^>]*>sip:482@" + DOMAIN + "</watcher>");

            // RFC 3857 §5.2: only the presentity learns who watches it
            SipText refused = subscribe(nosy, "483", "481", "presence.winfo", "application/watcherinfo+xml", 600);
            assertThat(refused.status()).isEqualTo(403);

            // the colleague leaves (RFC 6665 §4.2.1.4): gone from the list
            SipText bye = subscribe(colleague, "482", "481", "presence", "application/pidf+xml", 0, watching);
            assertThat(bye.status()).isEqualTo(200);
            assertThat(PresenceIT.notify(colleague).header("Subscription-State"))
                    .startsWith("terminated");
            SipText after = PresenceIT.notify(own);
            assertThat(after.body()).contains("version=\"2\"").doesNotContain("sip:482@");
        }
    }
}
