package org.tandem.appliance.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The operator panel in Chromium (issue 15), as the front desk uses it: a RECEPTIONIST account lands on it, sees a
 * phone that is not registered and one on do-not-disturb, watches an extension's cell turn to ringing with the
 * caller while baresip 631 calls baresip 632, to talking when 632 answers, hangs the call up from the panel (both
 * softphones are told) and sees the cell go back to idle — every change pushed by the server. The same account may
 * not open the settings, in the UI or the API. It also places calls from the panel (click-to-call: its own phone rings
 * first), watches a ring group's line ring and a parked call wait on its orbit's line, and sees call durations count on.
 */
class OperatorPanelIT {

    @RegisterExtension
    // own appliance: every call in the media relay (startup flag)
    static final TandemExtension tandem = new TandemExtension(
            "--tandem.auth.algorithms=MD5",
            "--tandem.media.advertised-address=127.0.0.1",
            "--tandem.media.bind-address=127.0.0.1",
            "--tandem.media.relay=always");

    @RegisterExtension
    static final BrowserPerClass browsers = new BrowserPerClass(tandem);

    static final String PASSWORD = "Panel-secret-1";
    static final String DESK = "Front-desk-pw-1";
    static final Duration SIGNALLING = Duration.ofSeconds(10);

    @BeforeAll
    static void setUp() {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
        tandem.api().createUser("631", "Dana Caller", PASSWORD);
        tandem.api().createUser("632", "Eve Callee", PASSWORD);
        tandem.api().createUser("633", "Olga Away", PASSWORD);
        tandem.api().createUser("634", "Tom Target", PASSWORD);
        tandem.api().createUser("635", "Una Caller", PASSWORD);
        tandem.api().createUser("636", "Val Desk", PASSWORD);
        tandem.api().createUser("637", "Walt Caller", PASSWORD);
        tandem.api().createUser("638", "Xena Away", PASSWORD);
        tandem.api().createUser("639", "Front desk phone", PASSWORD);
        tandem.api().createUser("640", "Yves Caller", PASSWORD);
        tandem.api().createUser("641", "Zoe Sales", PASSWORD);
        tandem.api().createUser("642", "Abe Support", PASSWORD);
        tandem.api().createUser("643", "Cora Desk", PASSWORD);
        tandem.api().createUser("644", "Dirk Target", PASSWORD);
        tandem.api().createUser("645", "Fay Caller", PASSWORD);
        tandem.api().createUser("646", "Gus Member", PASSWORD);
        tandem.api().createUser("647", "Hal Caller", PASSWORD);
        tandem.api().createUser("648", "Ida Desk", PASSWORD);
        tandem.api().createUser("651", "Kai Caller", PASSWORD);
        tandem.api().createUser("652", "Lea Callee", PASSWORD);
        TandemApi.Reply created = tandem.api()
                .send(
                        "POST",
                        "/api/v1/admin-accounts",
                        "{\"username\":\"frontdesk\",\"password\":\"" + DESK + "\",\"role\":\"RECEPTIONIST\","
                                + "\"mustChangePassword\":false}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(tandem.api()
                        .send(
                                "POST",
                                "/api/v1/admin-accounts",
                                "{\"username\":\"x2\",\"password\":\"" + DESK + "\",\"role\":\"BOSS\"}")
                        .body())
                .contains("role");
    }

    /** The cell's text now; read again when a pushed refresh replaced the row while it was being read. */
    private String cell(String number) {
        String[] text = {null};
        browsers.get()
                .until(
                        () -> {
                            text[0] = browsers.get().text("line-" + number);
                            return true;
                        },
                        "line " + number + "'s cell");
        return text[0];
    }

    /**
     * Clicks {@code id} until {@code done}: the panel re-renders its rows on every pushed change, so a click may land
     * on a button that a refresh has just replaced (as a person would, the test clicks again).
     */
    private void clickUntil(String id, java.util.function.BooleanSupplier done, String what) {
        browsers.get()
                .until(
                        () -> {
                            if (done.getAsBoolean()) return true;
                            try {
                                browsers.get().click(id);
                            } catch (RuntimeException replaced) {
                                // stale or not clickable yet: the next round finds the new button
                            }
                            return done.getAsBoolean();
                        },
                        what);
    }

    private void awaitCell(String number, String text) {
        browsers.get().until(() -> cell(number).contains(text), "line " + number + " shows '" + text + "'");
    }

    @Test
    void theFrontDeskWatchesACallRingAndHangsItUp() {
        browsers.get().logIn("frontdesk", DESK);
        browsers.get().awaitPath("/operator");
        awaitCell("633", "not registered");
        assertThat(browsers.get().present(By.linkText("Users")))
                .as("no settings in a receptionist's menu")
                .isFalse();

        try (Baresip caller = Baresip.start(tandem.process(), "631", PASSWORD, "udp");
                Baresip callee = Baresip.start(tandem.process(), "632", PASSWORD, "udp")) {
            awaitCell("631", "idle");
            awaitCell("632", "idle");
            assertThat(tandem.api()
                            .send("PUT", "/api/v1/users/633/call-settings", "{\"dnd\":true}")
                            .status())
                    .isEqualTo(200);
            awaitCell("633", "DND");

            caller.command("dial", "sip:632@" + tandem.process().sipHostPort());
            callee.awaitEvent("CALL_INCOMING", SIGNALLING);
            awaitCell("632", "ringing");
            assertThat(cell("632")).contains("631");
            assertThat(cell("631")).contains("calling").contains("632");
            browsers.get().screenshot(java.nio.file.Path.of("target", "screenshots", "operator-panel.png"));

            callee.command("accept", null);
            caller.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            awaitCell("632", "talking with");
            // on a call with whom and for how long: the time since the answer, counting on
            assertThat(cell("632")).contains("631").containsPattern("· \\d+:\\d{2}");

            clickUntil("hangup-632", () -> cell("632").contains("idle"), "632's call hung up from the panel");
            caller.awaitEvent("CALL_CLOSED", SIGNALLING);
            callee.awaitEvent("CALL_CLOSED", SIGNALLING);
            awaitCell("632", "idle");
            awaitCell("631", "idle");
        }

        // the settings are not a receptionist's: not in the UI, not in the API
        browsers.get().open("/users");
        browsers.get().until(() -> !browsers.get().present(By.id("users")), "no users page");
        TandemApi.Reply users =
                TandemApi.as(tandem.process(), "frontdesk", DESK).send("GET", "/api/v1/users", null);
        assertThat(users.status()).isEqualTo(403);
        TandemApi.Reply lines =
                TandemApi.as(tandem.process(), "frontdesk", DESK).send("GET", "/api/v1/lines", null);
        assertThat(lines.status()).isEqualTo(200);
        assertThat(lines.body()).contains("\"number\":\"633\"").contains("\"doNotDisturb\":true");
        assertThat(TandemApi.as(tandem.process(), "frontdesk", DESK)
                        .send("POST", "/api/v1/calls/nosuchcall/hangup", null)
                        .status())
                .isEqualTo(404);
    }

    /**
     * A blind transfer from the panel (RFC 3515, on the desk phone's behalf): 635 calls 636, the front desk transfers
     * 635 to 634; baresip 635 follows the REFER and talks with 634, and 636's phone is hung up.
     */
    @Test
    void theFrontDeskTransfersACallerToAnotherExtension() {
        browsers.get().logIn("frontdesk", DESK);
        browsers.get().awaitPath("/operator");
        try (Baresip caller = Baresip.start(tandem.process(), "635", PASSWORD, "udp");
                Baresip desk = Baresip.start(tandem.process(), "636", PASSWORD, "udp");
                Baresip target = Baresip.start(tandem.process(), "634", PASSWORD, "udp")) {
            awaitCell("634", "idle");
            awaitCell("636", "idle");
            caller.command("dial", "sip:636@" + tandem.process().sipHostPort());
            desk.awaitEvent("CALL_INCOMING", SIGNALLING);
            desk.command("accept", null);
            caller.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            awaitCell("636", "talking with");

            clickUntil(
                    "transfer-636",
                    () -> browsers.get().all(By.id("transfer-go")).stream()
                            .anyMatch(org.openqa.selenium.WebElement::isDisplayed),
                    "the transfer dialog");
            browsers.get().fill("transfer-target", "63x");
            browsers.get().click("transfer-go");
            assertThat(browsers.get().fieldError("transfer-target")).contains("digits");
            browsers.get().fill("transfer-target", "634");
            browsers.get().click("transfer-go");

            target.awaitEvent("CALL_INCOMING", SIGNALLING);
            target.command("accept", null);
            target.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            desk.awaitEvent("CALL_CLOSED", SIGNALLING);
            awaitCell("634", "talking with");
            assertThat(cell("634")).contains("635");
            awaitCell("636", "idle");
            org.awaitility.Awaitility.await("audio between 635 and 634")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(target.rtp().received())
                            .as(target.rtp().report())
                            .isGreaterThanOrEqualTo(50));
            target.command("hangup", null);
            awaitCell("634", "idle");
        }
        TandemApi desk = TandemApi.as(tandem.process(), "frontdesk", DESK);
        assertThat(desk.send("POST", "/api/v1/calls/nosuchcall/transfer", "{\"to\":\"634\"}")
                        .status())
                .isEqualTo(404);
        assertThat(desk.send("POST", "/api/v1/calls/nosuchcall/transfer", "{\"to\":\"abc\"}")
                        .status())
                .isEqualTo(400);
    }

    /**
     * Calls nobody answers (issue 15: pick up, transfer a ringing call, to voicemail): 637 calls 638, whose phone rings;
     * the front desk clicks Pick up and the call rings on its own phone (639, "My phone") instead, which answers; then
     * it transfers that answered call to 634's voicemail (637 follows a REFER to *99634 and hears the greeting). The
     * next call to 638 goes to 634's voicemail while it rings, from the same dialog. A target the dial
     * plan does not know is refused (409) and the call rings on where it rang.
     */
    @Test
    void theFrontDeskPicksUpARingingCallAndSendsTheNextToVoicemail() {
        browsers.get().logIn("frontdesk", DESK);
        browsers.get().awaitPath("/operator");
        try (Baresip caller = Baresip.start(tandem.process(), "637", PASSWORD, "udp");
                Baresip away = Baresip.start(tandem.process(), "638", PASSWORD, "udp");
                Baresip desk = Baresip.start(tandem.process(), "639", PASSWORD, "udp")) {
            awaitCell("637", "idle");
            awaitCell("638", "idle");
            awaitCell("639", "idle");
            browsers.get().fill("operator-phone", "639");

            caller.command("dial", "sip:638@" + tandem.process().sipHostPort());
            away.awaitEvent("CALL_INCOMING", SIGNALLING);
            awaitCell("638", "ringing");
            // the API refuses a target the dial plan does not know, and nothing changes
            String callId = ringingCallId("638");
            TandemApi api = TandemApi.as(tandem.process(), "frontdesk", DESK);
            TandemApi.Reply unknown = api.send("POST", "/api/v1/calls/" + callId + "/transfer", "{\"to\":\"6999\"}");
            assertThat(unknown.status()).as(unknown.body()).isEqualTo(409);
            assertThat(unknown.body()).contains("6999");
            assertThat(cell("638")).contains("ringing");

            clickUntil(
                    "pickup-638", () -> cell("639").contains("ringing"), "the call ringing on the front desk's phone");
            desk.awaitEvent("CALL_INCOMING", SIGNALLING);
            away.awaitEvent("CALL_CLOSED", SIGNALLING);
            desk.command("accept", null);
            caller.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            awaitCell("639", "talking with");
            assertThat(cell("639")).contains("637");
            awaitCell("638", "idle");
            // the answered call on to 634's voicemail: 637 is asked to dial the leave-a-message code and the box
            clickUntil(
                    "transfer-639",
                    () -> browsers.get().all(By.id("transfer-voicemail")).stream()
                            .anyMatch(org.openqa.selenium.WebElement::isDisplayed),
                    "the transfer dialog of 639's call");
            browsers.get().fill("transfer-target", "634");
            browsers.get().click("transfer-voicemail");
            browsers.get().click("transfer-go");
            caller.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            desk.awaitEvent("CALL_CLOSED", SIGNALLING);
            long greeting = caller.rtp().received();
            org.awaitility.Awaitility.await("634's greeting after the transfer")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(caller.rtp().received())
                            .as(caller.rtp().report())
                            .isGreaterThanOrEqualTo(greeting + 50));
            caller.command("hangup", null);
            awaitCell("639", "idle");
            awaitCell("637", "idle");

            caller.command("dial", "sip:638@" + tandem.process().sipHostPort());
            away.awaitEvent("CALL_INCOMING", SIGNALLING);
            awaitCell("638", "ringing");
            clickUntil(
                    "transfer-638",
                    () -> browsers.get().all(By.id("transfer-voicemail")).stream()
                            .anyMatch(org.openqa.selenium.WebElement::isDisplayed),
                    "the transfer dialog with its voicemail box");
            browsers.get().fill("transfer-target", "634");
            browsers.get().click("transfer-voicemail");
            browsers.get().click("transfer-go");
            away.awaitEvent("CALL_CLOSED", SIGNALLING);
            caller.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            long before = caller.rtp().received();
            org.awaitility.Awaitility.await("634's voicemail greeting reaches 637")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(caller.rtp().received())
                            .as(caller.rtp().report())
                            .isGreaterThanOrEqualTo(before + 50));
            caller.command("hangup", null);
            awaitCell("637", "idle");
            awaitCell("638", "idle");
        }
    }

    /**
     * Drag and drop (issue 15): 640 calls 641; the front desk drags 641's ringing line onto 642, which rings instead and
     * answers; then drags 642's answered call onto 641: 640 is asked to call 641 (REFER), 641 answers, 642 is free.
     */
    @Test
    void theFrontDeskDragsCallsFromLineToLine() {
        browsers.get().logIn("frontdesk", DESK);
        browsers.get().awaitPath("/operator");
        try (Baresip caller = Baresip.start(tandem.process(), "640", PASSWORD, "udp");
                Baresip sales = Baresip.start(tandem.process(), "641", PASSWORD, "udp");
                Baresip support = Baresip.start(tandem.process(), "642", PASSWORD, "udp")) {
            awaitCell("640", "idle");
            awaitCell("641", "idle");
            awaitCell("642", "idle");
            caller.command("dial", "sip:641@" + tandem.process().sipHostPort());
            sales.awaitEvent("CALL_INCOMING", SIGNALLING);
            awaitCell("641", "ringing");
            dragUntil("641", "642", () -> cell("642").contains("ringing"), "641's ringing call dropped on 642");
            support.awaitEvent("CALL_INCOMING", SIGNALLING);
            sales.awaitEvent("CALL_CLOSED", SIGNALLING);
            support.command("accept", null);
            caller.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            awaitCell("642", "talking with");
            awaitCell("641", "idle");

            dragUntil("642", "641", () -> cell("641").contains("ringing"), "642's answered call dropped on 641");
            sales.awaitEvent("CALL_INCOMING", SIGNALLING);
            sales.command("accept", null);
            sales.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            support.awaitEvent("CALL_CLOSED", SIGNALLING);
            awaitCell("641", "talking with");
            assertThat(cell("641")).contains("640");
            awaitCell("642", "idle");
            sales.command("hangup", null);
            awaitCell("641", "idle");
        }
    }

    /**
     * Click-to-call from the panel (issue 15): with no "My phone" the panel asks for it at that field; with 633 (no
     * phone registered) it says so there; a typed number that is no number is refused at its field. Then the front
     * desk's phone is 643 and it clicks Call on 644's line: baresip 643 rings first, showing the target ("Call 644"),
     * answers, calls 644 itself (the REFER), 644 answers; the panel says connected and 644's line shows whom it talks
     * with and for how long, the duration counting on.
     */
    @Test
    void theFrontDeskCallsAnExtensionFromThePanel() {
        browsers.get().logIn("frontdesk", DESK);
        browsers.get().awaitPath("/operator");
        try (Baresip desk = Baresip.start(tandem.process(), "643", PASSWORD, "udp");
                Baresip target = Baresip.start(tandem.process(), "644", PASSWORD, "udp")) {
            awaitCell("643", "idle");
            awaitCell("644", "idle");
            clickUntil(
                    "call-644",
                    () -> errorAt("operator-phone").contains("your extension"),
                    "the panel asking for the front desk's phone at its field");
            browsers.get().fill("operator-phone", "633");
            clickUntil(
                    "call-644",
                    () -> errorAt("operator-phone").contains("No phone of 633 is registered"),
                    "the panel saying at the field that 633 has no phone to ring");
            browsers.get().fill("operator-phone", "643");
            browsers.get().fill("operator-dial", "64<4");
            browsers.get().click("operator-dial-call");
            assertThat(browsers.get().fieldError("operator-dial")).contains("digits");

            clickUntil(
                    "call-644",
                    () -> browsers.get().text("operator-call-state").contains("rings"),
                    "the panel saying the front desk's phone rings");
            assertThat(desk.awaitEvent("CALL_INCOMING", SIGNALLING).toString())
                    .as("the phone shows whom it will call")
                    .contains("Call 644");
            assertThat(browsers.get().text("operator-call-state"))
                    .contains("643")
                    .contains("644");
            desk.command("accept", null);
            target.awaitEvent("CALL_INCOMING", SIGNALLING);
            target.command("accept", null);
            target.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            browsers.get().awaitText("operator-call-state", "Connected");
            awaitCell("644", "talking with");
            assertThat(cell("644")).contains("643");
            int first = seconds(cell("644"));
            browsers.get()
                    .until(() -> seconds(cell("644")) > first, "644's call duration counting on from " + first + " s");
            org.awaitility.Awaitility.await("audio between 643 and 644")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(target.rtp().received())
                            .as(target.rtp().report())
                            .isGreaterThanOrEqualTo(50));
            target.command("hangup", null);
            desk.awaitEvent("CALL_CLOSED", SIGNALLING);
            awaitCell("644", "idle");
            awaitCell("643", "idle");
        }
    }

    /**
     * Ring groups and park orbits on the board (issue 15): 645 calls ring group 649 and the group's line shows it
     * ringing with the caller while member 646 rings; 646 answers, the front desk clicks Park on 646's line: 645 is
     * transferred to the first free orbit, 691, whose line shows the parked caller and for how long; 646 dials 691,
     * takes the call back, and the orbit's line is idle again.
     */
    @Test
    void aRingGroupRingsAndAParkedCallWaitsOnItsOrbit() {
        TandemApi.Reply park = tandem.api()
                .send(
                        "PUT",
                        "/api/v1/park",
                        "{\"firstOrbit\":\"691\",\"lastOrbit\":\"692\","
                                + "\"timeoutSeconds\":120,\"returnToParker\":false}");
        assertThat(park.status()).as(park.body()).isEqualTo(200);
        TandemApi.Reply group = tandem.api()
                .send(
                        "POST",
                        "/api/v1/ring-groups",
                        "{\"number\":\"649\",\"name\":\"Reception\","
                                + "\"strategy\":\"SIMULTANEOUS\",\"members\":[{\"destination\":\"extension:646\",\"ringSeconds\":30}]}");
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        browsers.get().logIn("frontdesk", DESK);
        browsers.get().awaitPath("/operator");
        try (Baresip caller = Baresip.start(tandem.process(), "645", PASSWORD, "udp");
                Baresip member = Baresip.start(tandem.process(), "646", PASSWORD, "udp")) {
            awaitCell("645", "idle");
            awaitCell("646", "idle");
            awaitCell("649", "idle");
            awaitCell("691", "idle");

            caller.command("dial", "sip:649@" + tandem.process().sipHostPort());
            member.awaitEvent("CALL_INCOMING", SIGNALLING);
            awaitCell("649", "ringing");
            assertThat(cell("649")).contains("645");
            awaitCell("646", "ringing");
            member.command("accept", null);
            member.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            caller.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            awaitCell("646", "talking with");
            browsers.get().until(() -> !cell("649").contains("ringing"), "the group's line no longer ringing");

            clickUntil("park-646", () -> cell("691").contains("parked"), "645 parked in orbit 691 from the panel");
            member.awaitEvent("CALL_CLOSED", SIGNALLING);
            caller.awaitEvent("CALL_ESTABLISHED", SIGNALLING); // its call to the park code, which holds it in 691
            assertThat(cell("691")).contains("645").containsPattern("· \\d+:\\d{2}");
            awaitCell("646", "idle");
            assertThat(cell("692")).contains("idle");

            member.command("dial", "sip:691@" + tandem.process().sipHostPort());
            member.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            awaitCell("691", "idle");
            awaitCell("646", "talking with");
            org.awaitility.Awaitility.await("audio from 645 after the retrieval")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(member.rtp().received())
                            .as(member.rtp().report())
                            .isGreaterThanOrEqualTo(50));
            member.command("hangup", null);
            caller.awaitEvent("CALL_CLOSED", SIGNALLING);
            awaitCell("646", "idle");
            awaitCell("645", "idle");
        }
    }

    /**
     * Parking by transfer from the panel (issue 15), with a phone that does not copy the REFER's Referred-By into its
     * INVITE (baresip): 647 calls 648 and the front desk transfers 647 to orbit 693 — it is parked there, not taken for
     * someone come to retrieve a call from an empty orbit; 648 is its parker; 647's old call is ended by Tandem (which
     * answers 647's NOTIFYs itself) and 648 dials 693 to take it back. Then 647 calls 648 again and the front desk drags
     * 648's line onto orbit 694: parked there, 648 takes it back from 694; a third call, still ringing at 648, dropped
     * on orbit 692 waits there too.
     */
    @Test
    void theFrontDeskParksACallInTheOrbitItTransfersOrDragsItTo() {
        TandemApi.Reply park = tandem.api()
                .send(
                        "PUT",
                        "/api/v1/park",
                        "{\"firstOrbit\":\"691\",\"lastOrbit\":\"694\","
                                + "\"timeoutSeconds\":120,\"returnToParker\":false}");
        assertThat(park.status()).as(park.body()).isEqualTo(200);
        browsers.get().logIn("frontdesk", DESK);
        browsers.get().awaitPath("/operator");
        try (Baresip caller = Baresip.start(tandem.process(), "647", PASSWORD, "udp");
                Baresip desk = Baresip.start(tandem.process(), "648", PASSWORD, "udp")) {
            awaitCell("647", "idle");
            awaitCell("648", "idle");
            awaitCell("693", "idle");
            answeredCall(caller, desk);

            clickUntil(
                    "transfer-648",
                    () -> browsers.get().all(By.id("transfer-go")).stream()
                            .anyMatch(org.openqa.selenium.WebElement::isDisplayed),
                    "the transfer dialog of 648's call");
            browsers.get().fill("transfer-target", "693");
            browsers.get().click("transfer-go");
            awaitCell("693", "parked");
            assertThat(cell("693")).contains("647");
            desk.awaitEvent("CALL_CLOSED", SIGNALLING);
            // the transferee's old call is ended by Tandem (RFC 5589 §6), its new one waits in the orbit
            assertThat(caller.awaitEvent("CALL_CLOSED", SIGNALLING)
                            .path("peeruri")
                            .asText())
                    .contains("648");
            assertThat(cell("693")).as("still parked, not 'no call parked'").contains("parked");
            assertThat(cell("691")).contains("idle");
            var parked = tandem.api().send("GET", "/api/v1/park/calls", null).json();
            assertThat(parked.toString()).contains("\"orbit\":\"693\"").contains("\"parker\":\"648\"");
            retrieve(desk, caller, "693");

            answeredCall(caller, desk);
            dragUntil("648", "694", () -> cell("694").contains("parked"), "648's answered call dropped on orbit 694");
            assertThat(cell("694")).contains("647");
            desk.awaitEvent("CALL_CLOSED", SIGNALLING);
            assertThat(caller.awaitEvent("CALL_CLOSED", SIGNALLING)
                            .path("peeruri")
                            .asText())
                    .contains("648");
            assertThat(tandem.api()
                            .send("GET", "/api/v1/park/calls", null)
                            .json()
                            .toString())
                    .contains("\"orbit\":\"694\"")
                    .contains("\"parker\":\"648\"");
            retrieve(desk, caller, "694");

            // a call still ringing at 648, dropped on orbit 692: parked there (not "no call parked"), 648 the parker
            caller.command("dial", "sip:648@" + tandem.process().sipHostPort());
            desk.awaitEvent("CALL_INCOMING", SIGNALLING);
            awaitCell("648", "ringing");
            dragUntil("648", "692", () -> cell("692").contains("parked"), "648's ringing call dropped on orbit 692");
            desk.awaitEvent("CALL_CLOSED", SIGNALLING);
            caller.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            assertThat(cell("692")).contains("647");
            assertThat(tandem.api()
                            .send("GET", "/api/v1/park/calls", null)
                            .json()
                            .toString())
                    .contains("\"orbit\":\"692\"")
                    .contains("\"parker\":\"648\"");
            retrieve(desk, caller, "692");
        }
    }

    /**
     * Recording from the panel (issue 18): 651 calls 652 (no recording rule for either); the front desk clicks Record on
     * 652's line, the button turns to Stop recording while the two baresips' 440 Hz tones pass the relay, and a click on
     * it stops the recording; the API lists the recording of 652's call and its WAV holds both parties' tone, caller
     * left and callee right, each far above a frequency nobody sends.
     */
    @Test
    void theFrontDeskRecordsACallFromThePanel() throws Exception {
        browsers.get().logIn("frontdesk", DESK);
        browsers.get().awaitPath("/operator");
        try (Baresip caller = Baresip.start(tandem.process(), "651", PASSWORD, "udp");
                Baresip callee = Baresip.start(tandem.process(), "652", PASSWORD, "udp")) {
            awaitCell("651", "idle");
            awaitCell("652", "idle");
            assertThat(browsers.get().byId("record-652").getAttribute("disabled"))
                    .as("nothing to record on an idle line")
                    .isNotNull();
            caller.command("dial", "sip:652@" + tandem.process().sipHostPort());
            callee.awaitEvent("CALL_INCOMING", SIGNALLING);
            callee.command("accept", null);
            caller.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
            awaitCell("652", "talking with");
            assertThat(browsers.get().text("record-652")).isEqualTo("Record");

            clickUntil(
                    "record-652",
                    () -> browsers.get().text("record-652").contains("Stop recording"),
                    "652's call recorded from the panel");
            long heard = callee.rtp().received();
            org.awaitility.Awaitility.await("two seconds of the call recorded")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> callee.rtp().received() >= heard + 100);
            assertThat(tandem.api()
                            .send("GET", "/api/v1/recordings?extension=652", null)
                            .json())
                    .as("listed once it is finished")
                    .isEmpty();
            clickUntil("record-652", () -> browsers.get().text("record-652").equals("Record"), "the recording stopped");
            var listed = org.awaitility.Awaitility.await("the recording of 652's call")
                    .atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> tandem.api()
                                    .send("GET", "/api/v1/recordings?extension=652", null)
                                    .json(),
                            j -> j.size() == 1)
                    .get(0);
            assertThat(listed.toString()).contains("651");
            java.nio.file.Path wav = java.nio.file.Path.of("target", "blackbox", "operator-panel-recording.wav");
            java.nio.file.Files.createDirectories(wav.getParent());
            java.nio.file.Files.write(
                    wav,
                    tandem.api()
                            .getBytes("/api/v1/recordings/" + listed.get("id").asLong() + "/audio"));
            for (int channel : new int[] {0, 1}) {
                double tone = org.tandem.appliance.natlab.WavTone.amplitude(wav, channel, 440, 1);
                assertThat(tone)
                        .as("the 440 Hz tone on channel %s of %s", channel, wav)
                        .isGreaterThan(1000);
                assertThat(org.tandem.appliance.natlab.WavTone.amplitude(wav, channel, 1700, 1))
                        .as("no 1700 Hz on channel %s", channel)
                        .isLessThan(tone / 10);
            }
            caller.command("hangup", null);
            callee.awaitEvent("CALL_CLOSED", SIGNALLING);
            awaitCell("652", "idle");
        }
        assertThat(tandem.api()
                        .send("GET", "/api/v1/recordings?extension=652", null)
                        .json())
                .as("no further recording when the call ended")
                .hasSize(1);
    }

    /** {@code caller} calls {@code callee}, who answers; both cells show the call. */
    private void answeredCall(Baresip caller, Baresip callee) {
        caller.command("dial", "sip:648@" + tandem.process().sipHostPort());
        callee.awaitEvent("CALL_INCOMING", SIGNALLING);
        callee.command("accept", null);
        caller.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
        callee.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
        awaitCell("648", "talking with");
    }

    /** {@code phone} dials {@code orbit}, takes {@code parked} back (its audio arrives), and hangs up. */
    private void retrieve(Baresip phone, Baresip parked, String orbit) {
        phone.command("dial", "sip:" + orbit + "@" + tandem.process().sipHostPort());
        phone.awaitEvent("CALL_ESTABLISHED", SIGNALLING);
        awaitCell(orbit, "idle");
        org.awaitility.Awaitility.await("audio from the parked caller after the retrieval from " + orbit)
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(phone.rtp().received())
                        .as(phone.rtp().report())
                        .isGreaterThanOrEqualTo(50));
        phone.command("hangup", null);
        phone.awaitEvent("CALL_CLOSED", SIGNALLING);
        parked.awaitEvent("CALL_CLOSED", SIGNALLING);
        awaitCell("647", "idle");
        awaitCell("648", "idle");
    }

    /** The error the field shows now ("" while it shows none). */
    private String errorAt(String fieldId) {
        Object error = browsers.get()
                .script("const f = document.getElementById('" + fieldId + "');"
                        + "return f.hasAttribute('invalid') ? (f.errorMessage || '') : ''");
        return error == null ? "" : error.toString();
    }

    /** The seconds of the first duration in a cell ("talking with … · 1:05" → 65). */
    private static int seconds(String cell) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("· (?:(\\d+):)?(\\d+):(\\d{2})").matcher(cell);
        assertThat(m.find()).as("a duration in '%s'", cell).isTrue();
        int hours = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        return hours * 3600 + Integer.parseInt(m.group(2)) * 60 + Integer.parseInt(m.group(3));
    }

    /**
     * Drags the row of line {@code from} onto the row of {@code to} as a mouse does in the browser (HTML5 drag and
     * drop: dragstart on the row, dragenter/dragover/drop on the target row, dragend), until {@code done}; again when a
     * pushed refresh replaced a row meanwhile.
     */
    private void dragUntil(String from, String to, java.util.function.BooleanSupplier done, String what) {
        browsers.get()
                .until(
                        () -> {
                            if (done.getAsBoolean()) return true;
                            browsers.get()
                                    .script(
                                            "const grid = document.getElementById('operator-lines');"
                                                    + "const row = id => { const c = document.getElementById(id).closest('vaadin-grid-cell-content');"
                                                    + "  return grid.shadowRoot.querySelector('slot[name=\"' + c.getAttribute('slot') + '\"]').closest('tr'); };"
                                                    + "const dt = new DataTransfer();"
                                                    + "const fire = (r, type) => { const b = r.getBoundingClientRect();"
                                                    + "  r.dispatchEvent(new DragEvent(type, { bubbles: true, composed: true, cancelable: true,"
                                                    + "    dataTransfer: dt, clientX: b.left + b.width / 2, clientY: b.top + b.height / 2 })); };"
                                                    + "const a = row('line-" + from + "'), b = row('line-" + to + "');"
                                                    + "fire(a, 'dragstart'); fire(b, 'dragenter'); fire(b, 'dragover'); fire(b, 'drop'); fire(a, 'dragend');");
                            try {
                                await().atMost(Duration.ofSeconds(3))
                                        .pollInterval(Duration.ofMillis(100))
                                        .until(done::getAsBoolean);
                                return true;
                            } catch (ConditionTimeoutException e) {
                                return false; // a pushed refresh replaced a row: drag again
                            }
                        },
                        what);
    }

    /** The Call-ID of the call ringing at {@code number}, from {@code GET /api/v1/lines}. */
    private static String ringingCallId(String number) {
        var lines = TandemApi.as(tandem.process(), "frontdesk", DESK)
                .send("GET", "/api/v1/lines", null)
                .json();
        for (var line : lines) {
            if (!number.equals(line.get("number").asText())) continue;
            for (var call : line.get("calls")) {
                if ("ringing".equals(call.get("state").asText()))
                    return call.get("callId").asText();
            }
        }
        throw new AssertionError("no call ringing at " + number + ": " + lines);
    }
}
