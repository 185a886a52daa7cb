package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tandem.appliance.blackbox.Sipp.Transport;
import org.tandem.appliance.natlab.PhoneAudio;
import org.tandem.appliance.natlab.SippLog;
import org.tandem.appliance.natlab.SippLog.MediaAddress;

/**
 * Paging (issue 18) against the built jar: a paging group of four phones, one of them busy in a call through the
 * proxy, one on do-not-disturb. Those two get no INVITE; the other two get Tandem's offerless INVITE with the auto-answer headers, answer
 * at once and hear the caller's tone, while the caller hears neither of theirs (one-way audio, checked by frequency:
 * natlab.TonePeer on the ports the SDPs name). The caller's BYE ends the page for both members (SIPp's exit codes),
 * and each leg is a call record linked to the caller's. A multicast group's caller is answered by Tandem, and the
 * caller's tone arrives as RTP (PCMU, 20 ms) on the group's address, joined on the loopback interface by a listening
 * tone peer as a phone joins it on the LAN, while its member's phone gets no INVITE. An intercom call ({@code *80<ext>})
 * is answered at once by the called phone and carries audio both ways (each side hears the other's tone). After each
 * page the Prometheus endpoint counts it: pages started, members reached, members skipped busy or on do-not-disturb.
 * After the multicast page the health is UP and no worker pool (the media ones published among them) refused work.
 */
class PagingIT {

    @RegisterExtension
    // own appliance: 10 users: the shared ones stay under 50 (see TandemExtension)
    static final TandemExtension tandem = new TandemExtension();

    private static final String PASSWORD = "Paging-secret-1";
    private static final String GROUP = "310";
    private static final String CALLER = "311";
    private static final double CALLER_TONE = 1000;
    private static final double[] MEMBER_TONES = {440, 620};

    private static final String MULTICAST_GROUP = "320";
    private static final String MULTICAST_CALLER = "317";
    /** Administratively scoped (RFC 2365), so nothing outside this host could mistake it for its own. */
    private static final String MULTICAST_ADDRESS = "239.255.18.20";

    private static final String INTERCOM_CALLER = "321";
    private static final String INTERCOM_CALLEE = "322";

    @BeforeAll
    static void usersAndGroup() {
        for (String ext : List.of(
                CALLER, "312", "313", "314", "315", "316", MULTICAST_CALLER, "318", INTERCOM_CALLER, INTERCOM_CALLEE)) {
            tandem.api().createUser(ext, "User " + ext, PASSWORD);
            tandem.api().voicemailOff(ext);
        }
        TandemApi.Reply group = tandem.api()
                .send(
                        "POST",
                        "/api/v1/paging-groups",
                        "{\"number\":\"" + GROUP
                                + "\",\"name\":\"Warehouse\",\"members\":[\"312\",\"313\",\"314\",\"316\"]}");
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        // 316 is on do-not-disturb: registered, but never paged (a leg to it would be a fourth call record)
        TandemApi.Reply dnd = tandem.api().send("PUT", "/api/v1/users/316/call-settings", "{\"dnd\":true}");
        assertThat(dnd.status()).as(dnd.body()).isEqualTo(200);
        tandem.register("316", PASSWORD, FreePorts.udpAndTcp(), Transport.UDP);
    }

    /** A registered member phone that auto-answers with its offer naming {@code audio}'s port. */
    private static Sipp.Running member(String extension, PhoneAudio audio) {
        int port = FreePorts.udpAndTcp();
        tandem.register(extension, PASSWORD, port, Transport.UDP);
        return tandem.sipp("paging", "uas-auto-answer.xml")
                .localPort(port)
                .service(extension)
                .key("rtp_port", Integer.toString(audio.port()))
                .timeout(Duration.ofSeconds(60))
                .start()
                .awaitListening(port, Transport.UDP);
    }

    @Test
    void aPageReachesTheIdleMembersOneWayAndSkipsTheBusyOne() {
        // 314 is busy: in an answered call from 315, through the proxy, for longer than the page lasts
        int busyPort = FreePorts.udpAndTcp();
        tandem.register("314", PASSWORD, busyPort, Transport.UDP);
        Sipp.Running busy = tandem.sipp("call", "uas.xml")
                .localPort(busyPort)
                .service("314")
                .timeout(Duration.ofSeconds(60))
                .start()
                .awaitListening(busyPort, Transport.UDP);
        Sipp.Running busyCall = tandem.sipp("nat-audio", "uac.xml")
                .service("315")
                .credentials("315", PASSWORD)
                .key("callee", "314")
                .key("rtp_port", Integer.toString(FreePorts.mediaBlock()))
                .arg("-d", "16000")
                .timeout(Duration.ofSeconds(60))
                .start();
        SippLog.awaitReceivedSdp(busyCall, "SIP/2.0 200", 0);

        List<PhoneAudio> audios = new ArrayList<>();
        try (PhoneAudio callerAudio = PhoneAudio.local("127.0.0.1", FreePorts.mediaBlock(), CALLER_TONE);
                PhoneAudio first = PhoneAudio.local("127.0.0.1", FreePorts.mediaBlock(), MEMBER_TONES[0]);
                PhoneAudio second = PhoneAudio.local("127.0.0.1", FreePorts.mediaBlock(), MEMBER_TONES[1])) {
            audios.add(first);
            audios.add(second);
            List<Sipp.Running> members = List.of(member("312", first), member("313", second));

            Sipp.Running caller = tandem.sipp("nat-audio", "uac.xml")
                    .service(CALLER)
                    .credentials(CALLER, PASSWORD)
                    .key("callee", GROUP)
                    .key("rtp_port", Integer.toString(callerAudio.port()))
                    .arg("-d", "8000")
                    .timeout(Duration.ofSeconds(45))
                    .start();
            MediaAddress toCaller = SippLog.awaitReceivedSdp(caller, "SIP/2.0 200", 0);
            callerAudio.sendTo(toCaller.host(), toCaller.port());
            for (int i = 0; i < members.size(); i++) {
                // the answer to the member's offer comes in Tandem's ACK (RFC 3261 §13.2.2.4)
                MediaAddress toMember = SippLog.awaitReceivedSdp(members.get(i), "ACK sip:", 0);
                audios.get(i).sendTo(toMember.host(), toMember.port());
            }
            callerAudio.mark();
            for (int i = 0; i < audios.size(); i++) audios.get(i).awaitHears(CALLER_TONE, MEMBER_TONES[i]);

            // over the same time: the members' tones went out, and none of them reached the caller
            PhoneAudio.Heard atCaller = callerAudio.heard(MEMBER_TONES[0], MEMBER_TONES[1], CALLER_TONE);
            assertThat(atCaller.packets())
                    .as("the caller's media is live (the mix, silent): " + atCaller)
                    .isGreaterThanOrEqualTo(25);
            for (double tone : MEMBER_TONES) {
                assertThat(atCaller.amplitude(tone))
                        .as("the caller hears member tone " + tone + " Hz: " + atCaller)
                        .isLessThan(200);
            }

            caller.await().assertSuccess();
            for (Sipp.Running m : members) m.await().assertSuccess(); // each got the BYE the caller's BYE caused
        }
        assertThat(busy.messages()).as("the busy member was not paged").doesNotContain("answer-after");
        busyCall.await().assertSuccess();
        busy.await().assertSuccess();
        callRecords();

        // one page started; 312 and 313 reached; 314 skipped in its call, 316 on do-not-disturb
        assertThat(metric("pages_total", GROUP, "kind=\"unicast\"")).isEqualTo(1);
        assertThat(metric("members_reached_total", GROUP)).isEqualTo(2);
        assertThat(metric("members_skipped_total", GROUP, "reason=\"busy\"")).isEqualTo(1);
        assertThat(metric("members_skipped_total", GROUP, "reason=\"dnd\"")).isEqualTo(1);
    }

    @Test
    void aMulticastPageIsAnsweredByTandemAndTheCallersToneArrivesOnTheGroup() {
        int block = FreePorts.udpBlock(3);
        int groupPort = block % 2 == 0 ? block : block + 1; // RTP's port is even
        TandemApi.Reply group = tandem.api()
                .send(
                        "POST",
                        "/api/v1/paging-groups",
                        "{\"number\":\"" + MULTICAST_GROUP
                                + "\",\"name\":\"Hall\",\"members\":[\"318\"],\"multicastAddress\":\""
                                + MULTICAST_ADDRESS + ":"
                                + groupPort + "\"}");
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        // the member's phone is registered: a multicast page must not call it (its leg would be a second call record)
        tandem.register("318", PASSWORD, FreePorts.udpAndTcp(), Transport.UDP);
        try (PhoneAudio listening = PhoneAudio.local(MULTICAST_ADDRESS, groupPort, MEMBER_TONES[0]);
                PhoneAudio callerAudio = PhoneAudio.local("127.0.0.1", FreePorts.mediaBlock(), CALLER_TONE)) {
            Sipp.Running caller = tandem.sipp("nat-audio", "uac.xml")
                    .service(MULTICAST_CALLER)
                    .credentials(MULTICAST_CALLER, PASSWORD)
                    .key("callee", MULTICAST_GROUP)
                    .key("rtp_port", Integer.toString(callerAudio.port()))
                    .arg("-d", "6000")
                    .timeout(Duration.ofSeconds(45))
                    .start();
            MediaAddress toCaller = SippLog.awaitReceivedSdp(caller, "SIP/2.0 200", 0);
            callerAudio.sendTo(toCaller.host(), toCaller.port());

            PhoneAudio.Heard heard = listening.awaitHears(CALLER_TONE, MEMBER_TONES[0]);
            assertThat(heard.payloadBytes())
                    .as("G.711 in 20 ms packets: " + heard)
                    .containsExactly(160);
            assertThat(heard.senders())
                    .as("sent by Tandem over loopback: " + heard)
                    .hasSize(1)
                    .allSatisfy(sender -> assertThat(sender).startsWith("127.0.0.1:"));
            caller.await().assertSuccess();
        }
        JsonNode records = Awaitility.await("the multicast page's call record")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> tandem.api()
                                .send("GET", "/api/v1/cdrs?extension=" + MULTICAST_CALLER + "&size=50", null)
                                .json()
                                .get("items"),
                        items -> items.size() >= 1 && allEnded(items));
        assertThat(records.size())
                .as("only the caller's record, no leg to a phone: " + records)
                .isEqualTo(1);
        assertThat(records.get(0).get("destination").asText()).isEqualTo("page:" + MULTICAST_GROUP);
        assertThat(records.get(0).get("disposition").asText()).isEqualTo("ANSWERED");
        assertThat(metric("pages_total", MULTICAST_GROUP, "kind=\"multicast\"")).isEqualTo(1);
        healthUpAndNoWorkRefused();
    }

    @Test
    void anIntercomCallIsAnsweredAtOnceAndCarriesAudioBothWays() {
        int port = FreePorts.udpAndTcp();
        tandem.register(INTERCOM_CALLEE, PASSWORD, port, Transport.UDP);
        try (PhoneAudio callerAudio = PhoneAudio.local("127.0.0.1", FreePorts.mediaBlock(), CALLER_TONE);
                PhoneAudio calleeAudio = PhoneAudio.local("127.0.0.1", FreePorts.mediaBlock(), MEMBER_TONES[0])) {
            Sipp.Running callee = tandem.sipp("paging", "uas-intercom.xml")
                    .localPort(port)
                    .service(INTERCOM_CALLEE)
                    .key("rtp_port", Integer.toString(calleeAudio.port()))
                    .timeout(Duration.ofSeconds(60))
                    .start()
                    .awaitListening(port, Transport.UDP);
            Sipp.Running caller = tandem.sipp("nat-audio", "uac.xml")
                    .service(INTERCOM_CALLER)
                    .credentials(INTERCOM_CALLER, PASSWORD)
                    .key("callee", "*80" + INTERCOM_CALLEE)
                    .key("rtp_port", Integer.toString(callerAudio.port()))
                    .arg("-d", "8000")
                    .timeout(Duration.ofSeconds(45))
                    .start();
            MediaAddress toCaller = SippLog.awaitReceivedSdp(caller, "SIP/2.0 200", 0);
            MediaAddress toCallee = SippLog.awaitReceivedSdp(callee, "INVITE sip:", 0);
            callerAudio.sendTo(toCaller.host(), toCaller.port());
            calleeAudio.sendTo(toCallee.host(), toCallee.port());

            // both ways, each by its own frequency: the callee hears the caller, the caller the callee
            calleeAudio.awaitHears(CALLER_TONE, MEMBER_TONES[0]);
            callerAudio.awaitHears(MEMBER_TONES[0], CALLER_TONE);
            caller.await().assertSuccess();
            callee.await().assertSuccess(); // the auto-answer headers were there, and the caller's BYE came
        }
    }

    /**
     * Normal operation (issue 14): {@code /actuator/health} is UP, the media pools that carried the page are published
     * as the application's worker pools, and no pool, Call-ID stripe or call with media refused any work.
     */
    private static void healthUpAndNoWorkRefused() {
        TandemApi.Reply health = tandem.api().send("GET", "/actuator/health", null);
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).as(health.body()).isEqualTo("UP");
        TandemApi.Reply r = tandem.api().getText("/actuator/prometheus");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> lines = r.body().lines().toList();
        for (String pool : List.of(
                "tandem-media-clock",
                "tandem-media-io",
                "tandem-relay-recorder",
                "tandem-relay-dtls",
                "sip-proxy-timer")) {
            assertThat(lines)
                    .as(pool + " published")
                    .anyMatch(l -> l.startsWith("executor_queued_tasks{") && l.contains("name=\"" + pool + "\""));
            assertThat(lines)
                    .as(pool + "'s refusals published")
                    .anyMatch(
                            l -> l.startsWith("tandem_worker_rejected_total{") && l.contains("pool=\"" + pool + "\""));
        }
        assertThat(lines)
                .filteredOn(l -> l.startsWith("tandem_worker_rejected_total{")
                        || l.startsWith("tandem_sip_stripes_rejected_total{")
                        || l.startsWith("tandem_media_call_events_dropped_total "))
                .hasSizeGreaterThan(5)
                .allSatisfy(l -> assertThat(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                        .as(l)
                        .isZero());
    }

    /** The value of {@code tandem_paging_<name>{group="<group>",<labels>}} on the Prometheus endpoint. */
    private static double metric(String name, String group, String... labels) {
        TandemApi.Reply r = tandem.api().getText("/actuator/prometheus");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.body()
                .lines()
                .filter(l -> l.startsWith("tandem_paging_" + name + "{")
                        && l.contains("group=\"" + group + "\"")
                        && Arrays.stream(labels).allMatch(l::contains))
                .findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1).strip()))
                .orElseThrow(() ->
                        new AssertionError("no tandem_paging_" + name + " for group " + group + " " + List.of(labels)));
    }

    /** The caller's record reached the group; each member's leg is a record of its own, linked to it. */
    private static void callRecords() {
        JsonNode page = Awaitility.await("the page's call records")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> tandem.api()
                                .send("GET", "/api/v1/cdrs?extension=" + CALLER + "&size=50", null)
                                .json()
                                .get("items"),
                        items -> items.size() == 3 && allEnded(items));
        JsonNode callerRecord = null;
        List<String> legs = new ArrayList<>();
        for (JsonNode r : page) {
            if (r.get("dialled").asText().equals(GROUP)) callerRecord = r;
            else legs.add(r.get("answeredBy").asText());
        }
        assertThat(callerRecord).as("the caller's record in " + page).isNotNull();
        assertThat(callerRecord.get("destination").asText()).isEqualTo("page:" + GROUP);
        assertThat(callerRecord.get("disposition").asText()).isEqualTo("ANSWERED");
        assertThat(legs).containsExactlyInAnyOrder("312", "313");
        for (JsonNode r : page) {
            if (r == callerRecord) continue;
            assertThat(r.get("linkedCallId").asText())
                    .isEqualTo(callerRecord.get("callId").asText());
            assertThat(r.get("disposition").asText()).isEqualTo("ANSWERED");
            assertThat(r.get("hangupSide").asText()).isEqualTo("CALLER");
        }
    }

    private static boolean allEnded(JsonNode items) {
        for (JsonNode r : items) {
            if (!r.hasNonNull("endedAt")) return false;
        }
        return true;
    }
}
