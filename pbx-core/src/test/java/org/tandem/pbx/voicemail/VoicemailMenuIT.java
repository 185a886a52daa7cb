package org.tandem.pbx.voicemail;

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
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.Tones;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.MediaPhone;
import org.tandem.pbx.testsupport.PbxTestContext;

/**
 * The voicemail menus driven by RFC 4733 keys from a real RTP peer: *97 with the PIN plays the deposited message
 * (its 440 Hz reaches the phone) and 7 deletes it (the count, and so the lamp, goes to 0); *98 logs into another
 * box with its number and PIN and changes the PIN; three wrong PINs end the call; a greeting recorded by phone is
 * the owner's new greeting (its 660 Hz is in the stored file).
 */
class VoicemailMenuIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        // every phone here is 127.0.0.1: its wrong PINs (eight over this class) must not add up to an address ban,
        // which BanIT tests; the PIN lockout is per box and caller and is tested below
        pbx = PbxTestContext.start(data, Map.of("tandem.security.max-failures", "50"));
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of("641", "642", "643", "644", "645"))
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        VoicemailBoxes boxes = pbx.bean(VoicemailBoxes.class);
        boxes.setPin("641", "1234");
        boxes.setPin("642", "5678");
        boxes.setPin("644", "2580");
        boxes.setPin("645", "3690");
        boxes.update("645", new VoicemailBoxDraft(null, null, null, null, null, null, true));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    /** Calls {@code code} from {@code ext}'s phone and waits for the first prompt. */
    private static MediaPhone dial(String ext, String code) throws Exception {
        MediaPhone phone = MediaPhone.of(pbx.sipPort(), ext).dial(code);
        phone.awaitPrompt(Duration.ofSeconds(10));
        return phone;
    }

    @Test
    void starNinetySevenPlaysTheMessageAndSevenDeletesIt() throws Exception {
        VoicemailStore store = pbx.bean(VoicemailStore.class);
        store.deposit("641", "643", "User 643", Wavs.tone(data.resolve("m641.wav"), 440, 2.5), Duration.ofMillis(2500));
        assertThat(store.counts("641").newMessages()).isEqualTo(1);
        try (MediaPhone owner = dial("641", "*97")) {
            owner.keys("1234#");
            owner.keys("1"); // new messages: the envelope, then the audio
            owner.awaitTone(440, 8000 * 18 / 10, Duration.ofSeconds(20));
            owner.keys("7");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> store.counts("641").newMessages() == 0);
            assertThat(store.list("641", null)).isEmpty();
            owner.awaitPrompt("vm-no-more-messages", Duration.ofSeconds(10)); // then the main menu
            owner.press("#"); // goodbye
            assertThat(owner.awaitBye().header("Reason")).contains("Done");
        }
    }

    @Test
    void aBoxThatSaysSoSkipsThePinOnItsOwnersPhone() throws Exception {
        VoicemailStore store = pbx.bean(VoicemailStore.class);
        store.deposit("645", "641", null, Wavs.tone(data.resolve("m645.wav"), 440, 2.5), Duration.ofMillis(2500));
        try (MediaPhone owner = dial("645", "*97")) {
            owner.keys("1"); // straight to the main menu: 1 plays the new message
            owner.awaitTone(440, 8000 * 18 / 10, Duration.ofSeconds(20));
            assertThat(owner.sip().inDialog(owner.leg(), "BYE").status()).isEqualTo(200);
        }
        // *98 for the same box still asks for its PIN (not the owner's phone, or not known to be)
        try (MediaPhone other = dial("643", "*98")) {
            for (int i = 0; i < 3; i++) {
                if (i > 0) other.awaitPrompt("vm-enter-mailbox", Duration.ofSeconds(10)); // after "incorrect"
                other.keys("645#");
                other.press("1111#");
            }
            assertThat(other.awaitBye().header("Reason")).contains("Wrong mailbox or PIN");
        }
    }

    @Test
    void starNinetyEightLogsIntoAnotherBoxAndChangesItsPin() throws Exception {
        VoicemailBoxes boxes = pbx.bean(VoicemailBoxes.class);
        try (MediaPhone phone = dial("643", "*98")) {
            phone.keys("642#");
            phone.keys("5678#");
            phone.keys("0"); // options
            phone.keys("4"); // change PIN
            phone.keys("9999#");
            phone.keys("9999#");
            await().atMost(Duration.ofSeconds(10)).until(() -> boxes.pinMatches("642", "9999"));
            assertThat(boxes.pinMatches("642", "5678")).isFalse();
            assertThat(phone.sip().inDialog(phone.leg(), "BYE").status()).isEqualTo(200);
        }
    }

    @Test
    void threeWrongPinsEndTheCall() throws Exception {
        try (MediaPhone phone = dial("643", "*98")) {
            for (int i = 0; i < 3; i++) {
                // "that mailbox number or PIN is incorrect", then the mailbox is asked for again
                if (i > 0) phone.awaitPrompt("vm-enter-mailbox", Duration.ofSeconds(10));
                phone.keys("644#");
                phone.press("0000#");
            }
            assertThat(phone.awaitBye().header("Reason")).contains("Wrong mailbox or PIN");
        }
    }

    /**
     * Issue 22 (low, like conference PINs): three wrong PINs ended the call, but the caller could call again forever.
     * Wrong PINs now count per box and caller over calls (tandem.security.lockout: 5), and a locked caller is
     * refused even with the right PIN until the lock ends or an admin lifts it.
     */
    @Test
    void wrongPinsOverSeveralCallsLockTheCallerOutOfTheBox() throws Exception {
        for (int wrongs : new int[] {3, 2}) {
            try (MediaPhone phone = dial("645", "*98")) {
                for (int i = 0; i < wrongs; i++) {
                    if (i > 0) phone.awaitPrompt("vm-enter-mailbox", Duration.ofSeconds(10));
                    phone.keys("641#");
                    phone.press("0000#");
                }
                assertThat(phone.awaitBye().header("Reason")).contains("Wrong mailbox or PIN");
            }
        }
        try (MediaPhone phone = dial("645", "*98")) {
            phone.keys("641#");
            phone.press("1234#");
            assertThat(phone.awaitBye().header("Reason")).contains("locked");
        }
        assertThat(pbx.bean(org.tandem.pbx.security.AccountLockouts.class).unlock("voicemail 641"))
                .isTrue();
    }

    @Test
    void aGreetingRecordedByPhoneBecomesTheOwnersGreeting() throws Exception {
        VoicemailGreetings greetings = pbx.bean(VoicemailGreetings.class);
        try (MediaPhone owner = dial("644", "*97")) {
            owner.keys("2580#");
            owner.keys("0"); // options
            owner.rtp().clearReceived();
            owner.keys("1"); // record the unavailable greeting: prompt, beep
            owner.awaitTone(1000, 1600, Duration.ofSeconds(10));
            owner.rtp().send(Tones.sine(660, Duration.ofSeconds(2), 8000)).get(5, TimeUnit.SECONDS);
            owner.keys("#");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> greetings.file("644", Greeting.UNAVAILABLE).isPresent());
            short[] greeting =
                    Wavs.samples(greetings.file("644", Greeting.UNAVAILABLE).orElseThrow());
            assertThat(Spectrum.toneSamples(greeting, 660, 2000)).isGreaterThan(8000 * 15 / 10);
            assertThat(owner.sip().inDialog(owner.leg(), "BYE").status()).isEqualTo(200);
        }
    }
}
