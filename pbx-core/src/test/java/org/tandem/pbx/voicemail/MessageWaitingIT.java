package org.tandem.pbx.voicemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.SippRunner;
import org.tandem.pbx.voicemail.internal.MessageSummaryNotifier;

/**
 * Message-waiting indication with SIPp as the phone (scenarios in {@code sipp/voicemail/<name>/}):
 * subscribe to one's own box, NOTIFY at once and on a new message, refresh, unsubscribe, expiry; someone
 * else's box is 403; a package Tandem does not serve is 489 Bad Event with Allow-Events. Verdicts: SIPp's exit code and the
 * notifier's subscriber count.
 */
class MessageWaitingIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;
    static Path wav;

    @BeforeAll
    static void start() {
        assumeTrue(SippRunner.available(), "SIPp (Debian sip-tester) is not installed");
        // SIPp 3.6 answers only MD5 challenges: offer it first, as an admin would for such phones
        pbx = PbxTestContext.start(
                data, Map.of("tandem.auth.algorithms", "MD5,SHA-256", "tandem.voicemail.mwi-min-expires", "1"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of("351", "352", "353", "354")) {
            users.create(new UserDraft(ext, "User " + ext, "sipp-secret-" + ext, null));
        }
        wav = Wavs.tone(data.resolve("rec.wav"), 440, 1);
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    private static SippRunner.Result sipp(
            String scenario, String transport, String service, String user, Path work, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "-s", service, "-au", user, "-ap", "sipp-secret-" + user, "-key", "domain", PbxTestContext.DOMAIN));
        args.addAll(List.of(extra));
        return SippRunner.run("/sipp/voicemail/" + scenario + "/scenario.xml", pbx.sipPort(), transport, args, work);
    }

    private static MessageSummaryNotifier notifier() {
        return pbx.bean(MessageSummaryNotifier.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"u1", "t1"})
    void theOwnerIsNotifiedAtOnceOnANewMessageOnRefreshAndOnUnsubscribe(String transport, @TempDir Path work)
            throws Exception {
        VoicemailStore store = pbx.bean(VoicemailStore.class);
        store.list("351", null).forEach(m -> store.delete(m.id()));
        CompletableFuture<SippRunner.Result> phone =
                CompletableFuture.supplyAsync(() -> sipp("mwi-subscribe", transport, "351", "351", work));
        // the phone has answered the first NOTIFY (0/0): now a message arrives
        await().atMost(Duration.ofSeconds(20)).until(() -> notifier().subscribers("351") == 1 || phone.isDone());
        assertThat(phone).isNotDone();
        store.deposit("351", "352", "User 352", wav, Duration.ofSeconds(1));

        SippRunner.Result r = phone.get(60, TimeUnit.SECONDS);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(notifier().subscribers("351")).isZero();
    }

    @Test
    void aSubscriptionNotRefreshedEndsWithTerminatedTimeout(@TempDir Path work) {
        SippRunner.Result r = sipp("mwi-expire", "u1", "353", "353", work);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(notifier().subscribers("353")).isZero();
    }

    @Test
    void nobodyMayWatchSomeoneElsesBox(@TempDir Path work) {
        SippRunner.Result r = sipp("mwi-forbidden", "u1", "351", "352", work, "-key", "caller", "352");
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(notifier().subscribers("351")).isZero();
    }

    @Test
    void subscribeForAPackageTandemDoesNotServeIsBadEventWithAllowEvents(@TempDir Path work) {
        SippRunner.Result r = sipp("mwi-other-event", "u1", "354", "354", work);
        assertThat(r.exitCode()).as(r.output()).isZero();
        assertThat(Files.exists(work)).isTrue();
    }
}
