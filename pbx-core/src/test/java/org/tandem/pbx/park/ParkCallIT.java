package org.tandem.pbx.park;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.media.testsupport.Spectrum;
import org.tandem.media.testsupport.Tones;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.directory.UserDraft;
import org.tandem.pbx.testsupport.MediaPhone;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.RawPhone;
import org.tandem.pbx.testsupport.SipText;

/**
 * Call park with real audio: a call transferred to the park code (its INVITE carries Referred-By, as after a
 * blind transfer, RFC 3515/3892) waits on music in the first free orbit; whoever dials the orbit talks with it
 * (tones each way through the two-party bridge); an attended transfer (the parker dials *70, hears the orbit,
 * then the transferred caller's INVITE with Replaces, RFC 3891) puts that caller in the announced orbit; an
 * unretrieved call is REFERred back to its parker, and hung up when that is refused; an empty orbit says so.
 */
class ParkCallIT {

    @TempDir
    static Path data;

    static PbxTestContext pbx;

    @BeforeAll
    static void start() {
        pbx = PbxTestContext.start(data, Map.of());
        UserDirectory users = pbx.bean(UserDirectory.class);
        for (String ext : List.of("601", "602", "603", "604")) {
            users.create(new UserDraft(ext, "User " + ext, "secret" + ext, null));
        }
        pbx.bean(CallPark.class).update(new ParkSettingsDraft("701", "703", 10, true, null));
    }

    @AfterAll
    static void stop() {
        if (pbx != null) pbx.close();
    }

    @AfterEach
    void orbitsEmpty() {
        await().atMost(Duration.ofSeconds(5)).until(() -> park().parked().isEmpty());
    }

    private static CallPark park() {
        return pbx.bean(CallPark.class);
    }

    private static MediaPhone phone(String ext) throws Exception {
        return MediaPhone.of(pbx.sipPort(), ext);
    }

    private static String referredBy(String ext) {
        return "Referred-By: <sip:" + ext + "@" + PbxTestContext.DOMAIN + ">";
    }

    @Test
    void aTransferredCallWaitsOnMusicAndWhoeverDialsTheOrbitTalksWithIt() throws Exception {
        try (MediaPhone parked = phone("602");
                MediaPhone retriever = phone("603")) {
            RawPhone.Leg waiting = parked.dial("*70", referredBy("601")).leg();
            await().atMost(Duration.ofSeconds(5)).until(() -> park().parked().size() == 1);
            ParkedCallView view = park().parked().get(0);
            assertThat(view.orbit()).isEqualTo("701");
            assertThat(view.caller()).isEqualTo("602");
            assertThat(view.parker()).isEqualTo("601");
            short[] music = parked.rtp().awaitSamples(8000 * 2, 5000);
            assertThat(Spectrum.rms(music, 0, music.length))
                    .as("music on hold is heard")
                    .isGreaterThan(300);

            RawPhone.Leg talking = retriever.dial("701").leg();
            await().atMost(Duration.ofSeconds(5)).until(() -> park().parked().isEmpty());
            // the bridge is up: the music stopped (its longest pause is 1.3 s)
            parked.awaitQuiet(Duration.ofMillis(1500), Duration.ofSeconds(10));
            parked.rtp().clearReceived();
            retriever.rtp().clearReceived();
            var a = parked.rtp().send(Tones.sine(880, Duration.ofSeconds(2), 8000));
            var b = retriever.rtp().send(Tones.sine(440, Duration.ofSeconds(2), 8000));
            a.get(5, TimeUnit.SECONDS);
            b.get(5, TimeUnit.SECONDS);
            // the last frames are on their way: wait until each has heard 2.3 s
            retriever.rtp().awaitSamples(8000 * 23 / 10, 5000);
            parked.rtp().awaitSamples(8000 * 23 / 10, 5000);
            short[] heardByRetriever = retriever.rtp().received();
            short[] heardByParked = parked.rtp().received();
            assertThat(Spectrum.toneSamples(heardByRetriever, 880, 2000))
                    .as("the retriever hears the parked caller")
                    .isGreaterThan(8000);
            assertThat(Spectrum.toneSamples(heardByParked, 440, 2000))
                    .as("the parked caller hears the retriever")
                    .isGreaterThan(8000);
            assertThat(Spectrum.toneSamples(heardByParked, 880, 2000))
                    .as("but not itself")
                    .isLessThan(800);

            assertThat(retriever.sip().inDialog(talking, "BYE").status()).isEqualTo(200);
            SipText bye = parked.sip().request("BYE");
            parked.sip().respond(bye, 200, "OK");
            assertThat(bye.header("Call-ID")).isEqualTo(waiting.callId);
        }
    }

    @Test
    void anAttendedTransferToTheParkCodePutsTheCallerInTheAnnouncedOrbit() throws Exception {
        try (MediaPhone parker = phone("601");
                MediaPhone caller = phone("602")) {
            RawPhone.Leg announcing = parker.dial("*70").leg();
            await().atMost(Duration.ofSeconds(5)).until(() -> park().parked().size() == 1);
            assertThat(park().parked().get(0).caller()).isEqualTo("601");
            short[] said = parker.rtp().awaitSamples(8000 * 2, 5000);
            assertThat(Spectrum.rms(said, 0, said.length))
                    .as("the orbit is announced")
                    .isGreaterThan(300);

            // the parker's phone completes the transfer: the caller replaces the parker's dialog with the PBX
            String replaces = "Replaces: " + announcing.callId + ";to-tag=" + announcing.remoteTag + ";from-tag="
                    + announcing.localTag;
            RawPhone.Leg parkedLeg =
                    caller.dial("*70", replaces, referredBy("601")).leg();
            SipText bye = parker.sip().request("BYE");
            parker.sip().respond(bye, 200, "OK");
            assertThat(bye.header("Reason")).contains("Replaced");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(park().parked()).hasSize(1);
                assertThat(park().parked().get(0).caller()).isEqualTo("602");
                assertThat(park().parked().get(0).orbit()).isEqualTo("701");
                assertThat(park().parked().get(0).parker()).isEqualTo("601");
            });
            // the caller gives up waiting: its BYE frees the orbit
            assertThat(caller.sip().inDialog(parkedLeg, "BYE").status()).isEqualTo(200);
        }
    }

    @Test
    void anUnretrievedCallIsReferredBackToItsParkerAndHungUpWhenThatIsRefused() throws Exception {
        try (MediaPhone parked = phone("604")) {
            long parkedAt = System.nanoTime();
            parked.dial("*70", referredBy("601"));
            SipText refer = parked.sip().request("REFER", Duration.ofSeconds(20));
            assertThat(Duration.ofNanos(System.nanoTime() - parkedAt))
                    .as("after the 10 s timeout")
                    .isGreaterThan(Duration.ofSeconds(9));
            assertThat(refer.header("Refer-To")).contains("sip:601@" + PbxTestContext.DOMAIN);
            assertThat(refer.header("Referred-By")).contains("park@");
            assertThat(park().parked()).as("out of the orbit while it returns").isEmpty();
            parked.sip().respond(refer, 405, "Method Not Allowed");
            SipText bye = parked.sip().request("BYE");
            parked.sip().respond(bye, 200, "OK");
            assertThat(bye.header("Reason")).contains("Could not return the call to 601");
        }
    }

    /**
     * The park code followed by an orbit parks in that orbit (the operator panel's transfer onto an orbit's line):
     * never taken for a retrieval, whatever the phone copies of the REFER; a number that is no orbit is refused.
     */
    @Test
    void theParkCodeAndAnOrbitParkInThatOrbit() throws Exception {
        try (MediaPhone parked = phone("602");
                MediaPhone retriever = phone("603")) {
            parked.dial("*70703", referredBy("601"));
            await().atMost(Duration.ofSeconds(5)).until(() -> park().parked().size() == 1);
            ParkedCallView view = park().parked().get(0);
            assertThat(view.orbit()).isEqualTo("703");
            assertThat(view.parker()).isEqualTo("601");
            RawPhone.Leg noOrbit = retriever.sip().invite("*70709");
            retriever.sip().ackFailure(noOrbit, retriever.sip().response(noOrbit, 404)); // no orbit 709
            RawPhone.Leg talking = retriever.dial("703").leg();
            await().atMost(Duration.ofSeconds(5)).until(() -> park().parked().isEmpty());
            assertThat(retriever.sip().inDialog(talking, "BYE").status()).isEqualTo(200);
            parked.sip().respond(parked.sip().request("BYE"), 200, "OK");
        }
    }

    @Test
    void dialingAnEmptyOrbitSaysSoAndHangsUp() throws Exception {
        try (MediaPhone phone = phone("603")) {
            SipText bye = phone.dial("702").awaitBye();
            assertThat(bye.header("Reason")).contains("No call parked");
            short[] said = phone.rtp().received();
            assertThat(Spectrum.rms(said, 0, said.length)).isGreaterThan(300);
        }
    }

    /**
     * Issue 18: a German user hears the park prompts in German, the German prompt files in order: dialling an empty
     * orbit "park-orbit-empty, goodbye"; parking a call (*70 before the attended transfer) "park-parked-at" and the
     * orbit's digits. No English is heard.
     */
    @Test
    void aGermanUserHearsTheParkPromptsInGerman() throws Exception {
        pbx.bean(UserDirectory.class).create(new UserDraft("605", "Greta", "secret605", null, "de"));
        try (MediaPhone phone = phone("605")) {
            phone.dial("703");
            phone.awaitPromptsInOrder("de", Duration.ofSeconds(10), "park-orbit-empty", "goodbye");
            assertThat(phone.heardPrompt("en", "park-orbit-empty"))
                    .as("no English")
                    .isFalse();
            phone.awaitBye();
        }
        try (MediaPhone parker = phone("605")) {
            parker.dial("*70");
            await().atMost(Duration.ofSeconds(5)).until(() -> park().parked().size() == 1);
            String orbit = park().parked().get(0).orbit();
            parker.awaitPromptsInOrder(
                    "de",
                    Duration.ofSeconds(10),
                    "park-parked-at",
                    "digit-" + orbit.charAt(0),
                    "digit-" + orbit.charAt(1),
                    "digit-" + orbit.charAt(2));
            assertThat(parker.heardPrompt("en", "park-parked-at"))
                    .as("no English")
                    .isFalse();
            parker.hangUp();
        }
    }
}
