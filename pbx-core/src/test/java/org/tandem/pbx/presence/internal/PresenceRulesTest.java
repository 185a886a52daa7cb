package org.tandem.pbx.presence.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.presence.PresenceSchema;
import org.tandem.pbx.presence.internal.PresenceRules.Permissions;
import org.tandem.pbx.presence.internal.PresenceRules.SubHandling;

/** Presence rules (RFC 5025 on RFC 4745) evaluated for one watcher, and what they leave of a document. */
class PresenceRulesTest {

    static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    static String rules(String... rules) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <cr:ruleset xmlns:cr="urn:ietf:params:xml:ns:common-policy" xmlns:pr="urn:ietf:params:xml:ns:pres-rules">
                %s</cr:ruleset>
                """.formatted(String.join("\n", rules));
    }

    static String rule(String id, String conditions, String handling, String transformations) {
        return "<cr:rule id=\"" + id + "\"><cr:conditions>" + conditions + "</cr:conditions><cr:actions>"
                + (handling == null ? "" : "<pr:sub-handling>" + handling + "</pr:sub-handling>")
                + "</cr:actions><cr:transformations>" + transformations + "</cr:transformations></cr:rule>";
    }

    static final String ALL = "<pr:provide-services><pr:all-services/></pr:provide-services>"
            + "<pr:provide-persons><pr:all-persons/></pr:provide-persons>"
            + "<pr:provide-devices><pr:all-devices/></pr:provide-devices><pr:provide-all-attributes/>";

    @Test
    void aWatcherNoRuleNamesIsBlockedTheNamedOneGetsWhatItsRuleGives() {
        String doc =
                rules(rule("bob", "<cr:identity><cr:one id=\"sip:bob@example.com\"/></cr:identity>", "allow", ALL));
        assertThat(PresenceRules.evaluate(doc, "sip:bob@EXAMPLE.com", NOW)).isEqualTo(Permissions.EVERYTHING);
        // RFC 5025 §3.2.1: block is the default
        assertThat(PresenceRules.evaluate(doc, "sip:eve@example.com", NOW).subHandling())
                .isEqualTo(SubHandling.BLOCK);
    }

    @Test
    void aDomainWithExceptionsAndTheMostPermissiveOfSeveralRules() {
        String doc = rules(
                rule(
                        "office",
                        "<cr:identity><cr:many domain=\"example.com\"><cr:except id=\"sip:eve@example.com\"/>"
                                + "</cr:many></cr:identity>",
                        "confirm",
                        ""),
                rule("bob", "<cr:identity><cr:one id=\"sip:bob@example.com\"/></cr:identity>", "polite-block", ""));
        assertThat(PresenceRules.evaluate(doc, "sip:carol@example.com", NOW).subHandling())
                .isEqualTo(SubHandling.CONFIRM);
        // RFC 4745 §10.2: both rules match bob, the larger value wins
        assertThat(PresenceRules.evaluate(doc, "sip:bob@example.com", NOW).subHandling())
                .isEqualTo(SubHandling.POLITE_BLOCK);
        assertThat(PresenceRules.evaluate(doc, "sip:eve@example.com", NOW).subHandling())
                .isEqualTo(SubHandling.BLOCK);
        assertThat(PresenceRules.evaluate(doc, "sip:carol@elsewhere.org", NOW).subHandling())
                .isEqualTo(SubHandling.BLOCK);
    }

    @Test
    void validityAndSphereDecideWhetherARuleApplies() {
        String doc = rules(
                rule(
                        "now",
                        "<cr:validity><cr:from>2026-11-24T08:00:00+01:00</cr:from>"
                                + "<cr:until>2026-11-24T18:00:00+01:00</cr:until></cr:validity>",
                        "allow",
                        ""),
                rule("home", "<cr:sphere value=\"home\"/>", "allow", ALL));
        Permissions p = PresenceRules.evaluate(doc, "sip:bob@example.com", NOW);
        assertThat(p.subHandling()).isEqualTo(SubHandling.ALLOW);
        assertThat(p.services())
                .as("the sphere rule does not apply: Tandem knows no sphere")
                .isFalse();
        assertThat(PresenceRules.evaluate(doc, "sip:bob@example.com", Instant.parse("2026-11-25T12:00:00Z"))
                        .subHandling())
                .isEqualTo(SubHandling.BLOCK);
    }

    @Test
    void aBrokenDocumentGrantsNothing() {
        assertThat(PresenceRules.evaluate("<cr:ruleset", "sip:bob@example.com", NOW)
                        .subHandling())
                .isEqualTo(SubHandling.BLOCK);
    }

    @Test
    void withoutAllAttributesAWatcherSeesTheStatusAndActivitiesOnly() {
        String composed = PidfDocument.compose(
                "sip:491@example.com", List.of("""
                <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                    xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:491@example.com">
                  <tuple id="t1"><status><basic>open</basic></status><contact>sip:491@10.0.0.7</contact></tuple>
                  <note>In the lab until 3</note>
                  <dm:person id="p1"><rpid:activities><rpid:meeting/></rpid:activities><rpid:place-is><rpid:audio><rpid:noisy/></rpid:audio></rpid:place-is></dm:person>
                  <dm:device id="d1"><dm:deviceID>urn:x-mac:0004f2123456</dm:deviceID><dm:note>desk</dm:note></dm:device>
                </presence>
                """), new PidfDocument.Telephony(true, false, false));
        String doc = rules(rule(
                "colleagues",
                "",
                "allow",
                "<pr:provide-services><pr:all-services/></pr:provide-services>"
                        + "<pr:provide-persons><pr:all-persons/></pr:provide-persons>"
                        + "<pr:provide-activities>true</pr:provide-activities>"));
        String seen = PidfDocument.restrict(composed, PresenceRules.evaluate(doc, "sip:bob@example.com", NOW));
        PresenceSchema.validate(seen);
        assertThat(seen)
                .contains("<basic>open</basic>")
                .contains("rpid:meeting")
                .doesNotContain("10.0.0.7")
                .doesNotContain("In the lab")
                .doesNotContain("noisy")
                .doesNotContain("0004f2123456");
        assertThat(PidfDocument.restrict(composed, Permissions.EVERYTHING)).isEqualTo(composed);
    }

    @Test
    void aSphereRuleAppliesWhileThePresentityIsInThatSphere() {
        String composed = PidfDocument.compose(
                "sip:491@example.com", List.of("""
                <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                    xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:491@example.com">
                  <tuple id="t1"><status><basic>open</basic></status></tuple>
                  <dm:person id="p1"><rpid:sphere><rpid:work/></rpid:sphere></dm:person>
                </presence>
                """), new PidfDocument.Telephony(true, false, false));
        assertThat(PidfDocument.spheres(composed)).containsExactly("work");
        String doc = rules(rule(
                "office", "<cr:identity><cr:many/></cr:identity><cr:sphere value=\"Meeting WORK\"/>", "allow", ALL));
        assertThat(PresenceRules.evaluate(doc, "sip:bob@example.com", NOW, PidfDocument.spheres(composed)))
                .isEqualTo(Permissions.EVERYTHING);
        assertThat(PresenceRules.evaluate(doc, "sip:bob@example.com", NOW, java.util.Set.of("home"))
                        .subHandling())
                .as("at home the office rule does not apply")
                .isEqualTo(SubHandling.BLOCK);
    }

    @Test
    void narrowerTransformationsSelectServicesDevicesAndAttributes() {
        String composed = PidfDocument.compose(
                "sip:491@example.com", List.of("""
                <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                    xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:491@example.com">
                  <tuple id="phone"><status><basic>open</basic></status><rpid:class>office</rpid:class><contact>sip:491@10.0.0.7</contact></tuple>
                  <tuple id="mail"><status><basic>open</basic></status><contact>mailto:491@example.com</contact></tuple>
                  <tuple id="im"><status><basic>closed</basic></status><contact>im:491@example.com</contact></tuple>
                  <note>Back at 3</note>
                  <dm:person id="p1"><rpid:activities><rpid:meeting/></rpid:activities><rpid:mood><rpid:happy/></rpid:mood>
                    <rpid:user-input idle-threshold="600" last-input="2026-11-24T11:00:00Z">idle</rpid:user-input>
                    <dm:note>Room 4</dm:note></dm:person>
                  <dm:device id="d1"><rpid:user-input>active</rpid:user-input><dm:deviceID>urn:x-mac:0004f2000001</dm:deviceID></dm:device>
                  <dm:device id="d2"><dm:deviceID>urn:x-mac:0004f2000002</dm:deviceID></dm:device>
                </presence>
                """), new PidfDocument.Telephony(true, false, false));
        String doc = rules(
                rule(
                        "narrow",
                        "",
                        "allow",
                        "<pr:provide-services><pr:service-uri-scheme>MAILTO</pr:service-uri-scheme><pr:class>office</pr:class>"
                                + "</pr:provide-services><pr:provide-persons><pr:all-persons/></pr:provide-persons>"
                                + "<pr:provide-devices><pr:deviceID>urn:x-mac:0004f2000002</pr:deviceID></pr:provide-devices>"
                                + "<pr:provide-note>true</pr:provide-note><pr:provide-mood>true</pr:provide-mood>"
                                + "<pr:provide-user-input>bare</pr:provide-user-input>"),
                rule(
                        "more",
                        "",
                        null,
                        "<pr:provide-devices><pr:occurrence-id>d1</pr:occurrence-id></pr:provide-devices>"));
        String seen = PidfDocument.restrict(composed, PresenceRules.evaluate(doc, "sip:bob@example.com", NOW));
        PresenceSchema.validate(seen);
        assertThat(seen)
                .as("the office tuple by class, the mail tuple by scheme; not the IM one")
                .contains("tuple id=\"phone\"")
                .contains("tuple id=\"mail\"")
                .doesNotContain("tuple id=\"im\"")
                .as("the tuple's contact is an attribute not granted")
                .doesNotContain("10.0.0.7")
                .contains("Back at 3")
                .contains("Room 4")
                .contains("rpid:happy")
                .as("activities not granted")
                .doesNotContain("rpid:meeting")
                .as("user input bare: no thresholds, no time")
                .contains(">idle<")
                .doesNotContain("idle-threshold")
                .doesNotContain("last-input")
                .as("both devices, one by deviceID, one by occurrence id of another rule")
                .contains("0004f2000001")
                .contains("0004f2000002");
        String none = PidfDocument.restrict(
                composed,
                PresenceRules.evaluate(
                        rules(
                                rule(
                                        "bare",
                                        "",
                                        "allow",
                                        "<pr:provide-services><pr:service-uri>sip:491@10.0.0.7</pr:service-uri></pr:provide-services>")),
                        "sip:bob@example.com",
                        NOW));
        PresenceSchema.validate(none);
        assertThat(none)
                .contains("tuple id=\"phone\"")
                .doesNotContain("tuple id=\"mail\"")
                .doesNotContain("dm:person")
                .doesNotContain("dm:device")
                .doesNotContain("Back at 3")
                .doesNotContain("user-input");
    }
}
