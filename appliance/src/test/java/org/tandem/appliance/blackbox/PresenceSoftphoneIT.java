package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIMPLE presence between real softphones through the appliance (issue 15): baresip's presence module PUBLISHes its
 * user's status (RFC 3903) and another baresip watches that user (SUBSCRIBE Event: presence, RFC 3856) from its
 * address book. The watcher's contact list shows Online, Offline when the user sets it so, and Busy while the user
 * is in a call (the appliance adds rpid on-the-phone from its own dialog state, which baresip reads as busy).
 */
class PresenceSoftphoneIT {

    @RegisterExtension
    // own appliance: on the shared one its offline PUBLISH went unseen once (not diagnosed)
    static final TandemExtension tandem = new TandemExtension(
            "--tandem.auth.algorithms=MD5",
            "--tandem.media.advertised-address=127.0.0.1",
            "--tandem.media.bind-address=127.0.0.1");

    private static final String PASSWORD = "Presence-secret-1";
    private static final Duration SIGNALLING = Duration.ofSeconds(10);

    @BeforeAll
    static void users() {
        for (String ext : new String[] {"501", "502", "503"}) {
            tandem.api().createUser(ext, "Phone " + ext, PASSWORD);
        }
    }

    @Test
    void aColleaguesContactListShowsOnlineOfflineAndBusy() {
        String server = tandem.process().sipHostPort();
        try (Baresip alice = Baresip.start(
                        tandem.process(),
                        "501",
                        PASSWORD,
                        "udp",
                        tandem.process().sipPort(),
                        ";pubint=300");
                Baresip bob = Baresip.start(
                        tandem.process(),
                        "502",
                        PASSWORD,
                        "udp",
                        tandem.process().sipPort(),
                        "",
                        "\"Alice\" <sip:501@" + server + ">;presence=p2p\n");
                Baresip carol = Baresip.start(tandem.process(), "503", PASSWORD, "udp")) {
            awaitAlice(bob, "Online", "Alice registered and published open");

            alice.command("presence_offline", null);
            awaitAlice(bob, "Offline", "Alice set herself offline (a PUBLISH with her entity-tag)");
            alice.command("presence_online", null);
            awaitAlice(bob, "Online", "Alice back online");

            Awaitility.await("503 registered")
                    .atMost(SIGNALLING)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> !tandem.api().registrationsOf("503").isEmpty());
            carol.command("dial", "sip:501@" + server);
            alice.awaitEvent("CALL_INCOMING", SIGNALLING);
            alice.command("accept", null);
            carol.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            awaitAlice(bob, "Busy", "Alice in a call: the appliance says on-the-phone");
            carol.command("hangup", null);
            alice.awaitEvent("CALL_CLOSED", SIGNALLING);
            awaitAlice(bob, "Online", "the call over");
        }
    }

    /** Waits until {@code watcher}'s contact list shows Alice with {@code status} (ANSI colours stripped). */
    private static void awaitAlice(Baresip watcher, String status, String why) {
        String[] last = {""};
        try {
            Awaitility.await(why)
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        last[0] = watcher.command("contacts", null).replaceAll("\u001b\\[[0-9;]*m", "");
                        return last[0].lines().anyMatch(l -> l.contains("Alice") && l.contains(status));
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(
                    why + ": the watcher's contacts say\n" + last[0] + "\nits log:\n" + watcher.log(), e);
        }
        assertThat(last[0]).contains("sip:501@");
    }
}
