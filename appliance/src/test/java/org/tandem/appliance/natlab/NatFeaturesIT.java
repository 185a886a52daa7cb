package org.tandem.appliance.natlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tandem.appliance.natlab.NatCalls.awaitHears;
import static org.tandem.appliance.natlab.NatCalls.awaitRecorded;
import static org.tandem.appliance.natlab.NatCalls.noPrivateAddressReached;
import static org.tandem.appliance.natlab.NatCalls.ok;
import static org.tandem.appliance.natlab.NatCalls.talk;

import java.io.IOException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tandem.appliance.blackbox.Baresip;
import org.tandem.appliance.blackbox.Sipp;
import org.tandem.appliance.blackbox.Sipp.Transport;
import org.tandem.appliance.blackbox.TandemApi;
import org.tandem.appliance.natlab.SippLog.MediaAddress;

/**
 * Issue 20: the PBX's features with phones behind real kernel NATs, not only the plain call — a ring group, call
 * forwarding, pickup, park, a conference and an IVR, each proven by audio both ways ({@link NatCalls}: each side hears
 * the other's tone, not its own, only from the appliance). Phone A sits behind NAT 1, phone B behind NAT 2 (both
 * symmetric), phone C on the appliance's LAN; baresip, a real softphone, stands in behind NAT 1 where the feature
 * needs a phone that follows a REFER (park, IVR). The appliance advertises its LAN address and has its public one as
 * the external address, as behind an office router that forwards SIP: phones outside must only ever be told the
 * public address (Record-Route, Contact, SDP), phones in the office the LAN one.
 */
class NatFeaturesIT {

    private static final double A_TONE = 1100;
    private static final double B_TONE = 700;
    private static final double C_TONE = 500;

    private static NatCalls lab;
    private static TandemApi api;

    @BeforeAll
    static void start() throws IOException {
        // the README's office set-up: the appliance behind a router that forwards SIP and RTP to it, advertising its
        // LAN address, with the router's public address as the external address for phones outside
        lab = NatCalls.start(NatFeaturesIT.class, NatCalls.Addressing.LAN_WITH_EXTERNAL);
        api = lab.api;
    }

    @AfterAll
    static void stop() {
        if (lab != null) lab.close();
    }

    /** A ring group rings a LAN phone and a phone behind NAT 2 at once; the one behind NAT answers, the other stops. */
    @Test
    void ringGroupMemberBehindNatAnswersACallerBehindNat() {
        NatCalls.Phone a = lab.behindNat1();
        NatCalls.Phone b = lab.behindNat2();
        NatCalls.Phone c = lab.onTheLan();
        String aExt = lab.newUser();
        String bExt = lab.newUser();
        String cExt = lab.newUser();
        String group = lab.newNumber();
        ok(api.send(
                "POST",
                "/api/v1/ring-groups",
                "{\"number\":\"" + group + "\",\"name\":\"Lab group\","
                        + "\"strategy\":\"SIMULTANEOUS\",\"ringSeconds\":20,\"members\":[{\"destination\":\"extension:"
                        + cExt
                        + "\"},{\"destination\":\"extension:" + bExt + "\"}]}"));
        try (PhoneAudio aAudio = a.audio(A_TONE);
                PhoneAudio bAudio = b.audio(B_TONE);
                PhoneAudio cAudio = c.audio(C_TONE)) {
            Sipp.Running ringing = lab.serving(c, cExt, Transport.UDP, cAudio, "uas-rings.xml", "-");
            Sipp.Running answering = lab.serving(b, bExt, Transport.UDP, bAudio);
            try {
                Sipp.Running caller = lab.calling(a, aExt, Transport.UDP, group, "uac.xml", aAudio);
                talk(caller, aAudio, answering, bAudio);
                caller.await().assertSuccess();
                noPrivateAddressReached(caller, a);
                noPrivateAddressReached(answering, b);
                assertThat(SippLog.received(ringing.messages()))
                        .as("the LAN member's ringing was cancelled")
                        .contains("CANCEL sip:")
                        .doesNotContainPattern("(?m)^c=IN IP4 192\\.168\\.");
            } finally {
                ringing.kill();
                answering.kill();
            }
        }
    }

    /** A LAN phone forwards all its calls to a phone behind NAT 2; a caller behind NAT 1 reaches it there. */
    @Test
    void forwardingToAPhoneBehindNat() {
        NatCalls.Phone a = lab.behindNat1();
        NatCalls.Phone b = lab.behindNat2();
        String aExt = lab.newUser();
        String bExt = lab.newUser();
        String forwarding = lab.newUser();
        ok(api.send(
                "PUT",
                "/api/v1/users/" + forwarding + "/call-settings",
                "{\"forwardAlways\":\"extension:" + bExt + "\"}"));
        try (PhoneAudio aAudio = a.audio(A_TONE);
                PhoneAudio bAudio = b.audio(B_TONE)) {
            Sipp.Running answering = lab.serving(b, bExt, Transport.TCP, bAudio);
            try {
                Sipp.Running caller = lab.calling(a, aExt, Transport.UDP, forwarding, "uac.xml", aAudio);
                talk(caller, aAudio, answering, bAudio);
                caller.await().assertSuccess();
                noPrivateAddressReached(caller, a);
                noPrivateAddressReached(answering, b);
            } finally {
                answering.kill();
            }
        }
    }

    /**
     * A phone behind NAT 2 picks up (directed, {@code **<ext>}) a call ringing at a LAN phone; the caller, behind NAT 1
     * and never registered, gets the picker's INVITE with Replaces through its NAT and the two talk.
     */
    @Test
    void pickupByAPhoneBehindNatOfACallFromBehindNat() {
        NatCalls.Phone a = lab.behindNat1();
        NatCalls.Phone b = lab.behindNat2();
        NatCalls.Phone c = lab.onTheLan();
        String aExt = lab.newUser();
        String bExt = lab.newUser();
        String cExt = lab.newUser();
        try (PhoneAudio aAudio = a.audio(A_TONE);
                PhoneAudio bAudio = b.audio(B_TONE);
                PhoneAudio cAudio = c.audio(C_TONE)) {
            Sipp.Running ringing = lab.serving(c, cExt, Transport.UDP, cAudio, "uas-rings.xml", "-");
            try {
                Sipp.Running caller = lab.callingToBePickedUp(a, aExt, cExt, aAudio, Duration.ofSeconds(12));
                SippLog.awaitReceivedSdp(ringing, "INVITE sip:", 0);
                Sipp.Running picker = lab.calling(b, bExt, Transport.UDP, "**" + cExt, "uac.xml", bAudio);
                // the picker is this call's caller now; the original caller answers the INVITE with Replaces
                MediaAddress toPicker = SippLog.awaitReceivedSdp(picker, "SIP/2.0 200", 0);
                MediaAddress toCaller = SippLog.awaitReceivedSdp(caller, "INVITE sip:", 0);
                assertThat(SippLog.received(caller.messages()))
                        .as("the INVITE that reached the caller through NAT 1")
                        .containsPattern("(?im)^Replaces:.*early-only");
                bAudio.sendTo(toPicker.host(), toPicker.port());
                aAudio.sendTo(toCaller.host(), toCaller.port());
                awaitHears(bAudio, A_TONE, B_TONE);
                awaitHears(aAudio, B_TONE, A_TONE);
                picker.await().assertSuccess();
                caller.await().assertSuccess();
                noPrivateAddressReached(picker, b);
                noPrivateAddressReached(caller, a);
            } finally {
                ringing.kill();
            }
        }
    }

    /**
     * Park: baresip behind NAT 1 calls a LAN phone, which parks it (blind transfer to the park code); a phone behind
     * NAT 2 dials the orbit and the two hear each other through the parking lot's mixer.
     */
    @Test
    void aCallFromBehindNatParkedOnTheLanIsRetrievedBehindAnotherNat() throws IOException {
        ok(api.send(
                "PUT",
                "/api/v1/park",
                "{\"firstOrbit\":\"701\",\"lastOrbit\":\"709\",\"timeoutSeconds\":120,"
                        + "\"returnToParker\":false,\"featureCode\":\"*70\"}"));
        NatCalls.Phone c = lab.onTheLan();
        NatCalls.Phone b = lab.behindNat2();
        String cExt = lab.newUser();
        String bExt = lab.newUser();
        String softphoneExt = lab.newUser();
        try (PhoneAudio cAudio = c.audio(C_TONE);
                PhoneAudio bAudio = b.audio(B_TONE);
                Baresip softphone = Baresip.startInNamespace(
                        lab.work,
                        lab.lab.phoneANs(),
                        NatLab.PRIVATE_PHONE,
                        NatCalls.SIP,
                        softphoneExt,
                        NatCalls.PASSWORD,
                        "udp",
                        (int) A_TONE)) {
            Sipp.Running parker = lab.serving(c, cExt, Transport.UDP, cAudio, "uas-transferor.xml", "*70");
            try {
                lab.awaitRegistered(softphoneExt, "baresip behind NAT 1");
                softphone.command("dial", "sip:" + cExt + "@" + NatCalls.DOMAIN);
                softphone.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(15));
                // answered, REFER to *70 accepted, hung up: its call's scenario ran to the end, its BYE answered
                // (SIPp itself would only exit after the registration's one-minute pause, -d 60000)
                Awaitility.await("the parker's BYE answered")
                        .atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> SippLog.receivedResponse(parker.messages(), 200, "2 BYE"));
                assertThat(SippLog.received(parker.messages()))
                        .as("what the parker received")
                        .contains("SIP/2.0 202 ");
                assertThat(parker.unexpected()).as("the parker's call aborted").doesNotContain("Aborting call");
                awaitParked("701");
                Sipp.Running retriever =
                        lab.calling(b, bExt, Transport.UDP, "701", "uac.xml", bAudio, Duration.ofSeconds(6));
                MediaAddress toRetriever = SippLog.awaitReceivedSdp(retriever, "SIP/2.0 200", 0);
                bAudio.sendTo(toRetriever.host(), toRetriever.port());
                awaitHears(bAudio, A_TONE, B_TONE);
                awaitRecorded(softphone, 1.5);
                retriever.await().assertSuccess();
                noPrivateAddressReached(retriever, b);
            } finally {
                parker.kill();
            }
            assertThat(WavTone.loudestHeard(softphone.dir(), B_TONE))
                    .as("the retriever's tone in what baresip heard")
                    .isGreaterThan(1000);
        }
    }

    /** Two phones behind two different NATs meet in a conference room: each hears the other through the mixer. */
    @Test
    void conferenceBetweenPhonesBehindTwoNats() {
        String room = lab.newNumber();
        ok(api.send(
                "POST",
                "/api/v1/conference-rooms",
                "{\"number\":\"" + room + "\",\"name\":\"Lab room\"," + "\"maxParticipants\":5,\"record\":false}"));
        NatCalls.Phone a = lab.behindNat1();
        NatCalls.Phone b = lab.behindNat2();
        String aExt = lab.newUser();
        String bExt = lab.newUser();
        try (PhoneAudio aAudio = a.audio(A_TONE);
                PhoneAudio bAudio = b.audio(B_TONE)) {
            Sipp.Running first = lab.calling(a, aExt, Transport.UDP, room, "uac.xml", aAudio, Duration.ofSeconds(14));
            MediaAddress toFirst = SippLog.awaitReceivedSdp(first, "SIP/2.0 200", 0);
            aAudio.sendTo(toFirst.host(), toFirst.port());
            Sipp.Running second = lab.calling(b, bExt, Transport.TCP, room, "uac.xml", bAudio, Duration.ofSeconds(10));
            MediaAddress toSecond = SippLog.awaitReceivedSdp(second, "SIP/2.0 200", 0);
            bAudio.sendTo(toSecond.host(), toSecond.port());
            awaitHearsWithin(aAudio, B_TONE, A_TONE, Duration.ofSeconds(8)); // after the room's welcome prompts
            awaitHearsWithin(bAudio, A_TONE, B_TONE, Duration.ofSeconds(8));
            second.await().assertSuccess();
            first.await().assertSuccess();
            noPrivateAddressReached(first, a);
            noPrivateAddressReached(second, b);
        }
    }

    /**
     * An IVR answers baresip behind NAT 1, hears its key press (RFC 4733 through the NAT) and transfers it (REFER
     * through baresip's NAT flow) to a phone behind NAT 2; the two then talk.
     */
    @Test
    void ivrTransfersACallerBehindNatToAPhoneBehindAnotherNat() throws IOException {
        NatCalls.Phone b = lab.behindNat2();
        String bExt = lab.newUser();
        String softphoneExt = lab.newUser();
        String menu = "lab" + lab.newNumber();
        ok(api.send(
                "POST",
                "/api/v1/ivr-menus",
                "{\"name\":\"" + menu + "\",\"greetingPrompt\":\"ivr-welcome\","
                        + "\"options\":{\"2\":\"extension:" + bExt + "\"},\"digitTimeoutSeconds\":20,\"retries\":0,"
                        + "\"fallback\":\"hangup\"}"));
        String reception = lab.newUser();
        ok(api.send(
                "PUT", "/api/v1/users/" + reception + "/call-settings", "{\"forwardAlways\":\"ivr:" + menu + "\"}"));
        try (PhoneAudio bAudio = b.audio(B_TONE);
                Baresip softphone = Baresip.startInNamespace(
                        lab.work,
                        lab.lab.phoneANs(),
                        NatLab.PRIVATE_PHONE,
                        NatCalls.SIP,
                        softphoneExt,
                        NatCalls.PASSWORD,
                        "udp",
                        (int) A_TONE)) {
            Sipp.Running answering = lab.serving(b, bExt, Transport.UDP, bAudio);
            try {
                lab.awaitRegistered(softphoneExt, "baresip behind NAT 1");
                softphone.command("dial", "sip:" + reception + "@" + NatCalls.DOMAIN);
                softphone.awaitEvent("CALL_ESTABLISHED", Duration.ofSeconds(15));
                awaitRecorded(softphone, 1.0); // the greeting plays through NAT 1
                softphone.command("sndcode", "2");
                MediaAddress toB = SippLog.awaitReceivedSdp(answering, "INVITE sip:", 0);
                assertThat(toB.host()).isEqualTo(NatLab.PUBLIC_APPLIANCE);
                bAudio.sendTo(toB.host(), toB.port());
                awaitHears(bAudio, A_TONE, B_TONE);
                awaitRecorded(softphone, 1.5);
                noPrivateAddressReached(answering, b);
            } finally {
                answering.kill();
            }
            assertThat(WavTone.loudestHeard(softphone.dir(), B_TONE))
                    .as("B's tone in what baresip heard after the IVR")
                    .isGreaterThan(1000);
        }
    }

    private static void awaitParked(String orbit) {
        Awaitility.await("a call parked in " + orbit)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    TandemApi.Reply r = api.send("GET", "/api/v1/park/calls", null);
                    return r.status() == 200 && r.body().contains("\"orbit\":\"" + orbit + "\"");
                });
    }

    private static void awaitHearsWithin(PhoneAudio audio, double expected, double own, Duration within) {
        Awaitility.await(audio + " hears " + expected + " Hz in the room")
                .atMost(within.plusSeconds(5))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .untilAsserted(() -> awaitHears(audio, expected, own));
    }
}
