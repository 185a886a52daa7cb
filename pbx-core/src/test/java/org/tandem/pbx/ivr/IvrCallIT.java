package org.tandem.pbx.ivr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.testsupport.Tones;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.routing.CallSettingsDraft;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.testsupport.MediaPhone;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.SipText;
import org.tandem.pbx.voicemail.VoicemailStore;

/**
 * The auto attendant with real calls: extension 634 forwards to {@code ivr:main}; a key (RFC 4733 from the
 * caller's RTP) that names an extension transfers the caller there by REFER; a key that names a voicemail box
 * continues the same call into the box (the caller hears the beep and leaves a message); an invalid key plays
 * the invalid prompt and the menu goes on; no input at all goes to the fallback after the retries.
 */
class IvrCallIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of());
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of("631", "632", "633", "634"))
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        pbx.bean(IvrMenus.class)
                .create(new IvrMenuDraft(
                        "main",
                        "ivr-welcome",
                        Map.of("1", "extension:632", "2", "voicemail:633"),
                        false,
                        2,
                        2,
                        null,
                        1,
                        "voicemail:633"));
        pbx.bean(RoutingDirectory.class)
                .updateCallSettings(
                        "634", new CallSettingsDraft(false, "ivr:main", null, null, null, null, null, null, null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    /** 631 calls {@code number} (a menu) and hears its first prompt. */
    private static MediaPhone dial(String number) throws Exception {
        MediaPhone caller = MediaPhone.of(pbx.sipPort(), "631").dial(number);
        caller.awaitPrompt(Duration.ofSeconds(10));
        return caller;
    }

    /** Issue 18: a menu in German greets in German and says in German that a key is not an option. */
    @Test
    void aGermanMenuSpeaksGerman() throws Exception {
        pbx.bean(UserDirectory.class).create(new UserDraft("635", "User 635", "secret635", null));
        pbx.bean(IvrMenus.class)
                .create(new IvrMenuDraft(
                        "deutsch", "ivr-welcome", Map.of("1", "extension:632"), false, 3, 2, null, 1, "hangup", "de"));
        pbx.bean(RoutingDirectory.class)
                .updateCallSettings(
                        "635", new CallSettingsDraft(false, "ivr:deutsch", null, null, null, null, null, null, null));
        try (MediaPhone caller = MediaPhone.of(pbx.sipPort(), "631").dial("635")) {
            caller.awaitPromptsInOrder("de", Duration.ofSeconds(10), "ivr-welcome");
            assertThat(caller.heardPrompt("en", "ivr-welcome")).as("no English").isFalse();
            caller.press("9");
            caller.awaitPromptsInOrder("de", Duration.ofSeconds(10), "ivr-invalid-option");
            caller.hangUp();
        }
    }

    @Test
    void aKeyForAnExtensionTransfersTheCallerThereByRefer() throws Exception {
        try (MediaPhone caller = dial("634")) {
            caller.press("9"); // not an option: the invalid prompt, then the menu again
            caller.awaitPrompt("ivr-invalid-option", Duration.ofSeconds(10));
            caller.press("1");
            SipText refer = caller.sip().request("REFER");
            assertThat(refer.header("Refer-To")).contains("sip:632@" + PbxTestContext.DOMAIN);
            assertThat(refer.header("Referred-By")).contains("ivr-main@");
            caller.sip().respond(refer, 202, "Accepted");
            // the phone would now call 632 itself; here it just leaves the menu
            assertThat(caller.sip().inDialog(caller.leg(), "BYE").status()).isEqualTo(200);
        }
    }

    @Test
    void aKeyForAVoicemailBoxContinuesTheSameCallIntoTheBox() throws Exception {
        VoicemailStore store = pbx.bean(VoicemailStore.class);
        int before = store.list("633", null).size();
        try (MediaPhone caller = dial("634")) {
            caller.press("2");
            caller.awaitBeep(Duration.ofSeconds(20));
            caller.rtp().send(Tones.sine(440, Duration.ofSeconds(2), 8000)).get(5, TimeUnit.SECONDS);
            assertThat(caller.sip().inDialog(caller.leg(), "BYE").status()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> store.list("633", null).size() == before + 1);
        assertThat(store.list("633", null).get(0).caller()).isEqualTo("631");
    }

    @Test
    void noInputGoesToTheFallbackAfterTheRetries() throws Exception {
        try (MediaPhone caller = MediaPhone.of(pbx.sipPort(), "631").dial("634")) {
            long started = System.nanoTime();
            // greeting + 2 s, twice (1 retry), then voicemail:633's greeting and its beep
            caller.awaitBeep(Duration.ofSeconds(30));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(4));
            assertThat(caller.sip().inDialog(caller.leg(), "BYE").status()).isEqualTo(200);
        }
    }
}
