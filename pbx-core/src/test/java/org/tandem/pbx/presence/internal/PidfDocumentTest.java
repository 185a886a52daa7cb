package org.tandem.pbx.presence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.presence.PresenceSchema;
import org.tandem.pbx.presence.internal.PidfDocument.Telephony;

/** What a device publishes is checked (RFC 3863 §4); what watchers get is composed and valid PIDF. */
class PidfDocumentTest {

    static final String ENTITY = "sip:301@pbx.test";

    /** What baresip 1.0 publishes (modules/presence/publisher.c): an empty activities element included. */
    static final String BARESIP = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <presence xmlns="urn:ietf:params:xml:ns:pidf"
                xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
                xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid"
                entity="sip:301@127.0.0.1">
              <dm:person id="p4159"><rpid:activities/></dm:person>
              <tuple id="t4109">
                <status>
                  <basic>open</basic>
                </status>
                <contact>sip:301@127.0.0.1</contact>
              </tuple>
            </presence>
            """;

    static final String MEETING = """
            <presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:r="urn:ietf:params:xml:ns:pidf:rpid"
                xmlns:d="urn:ietf:params:xml:ns:pidf:data-model" entity="sip:301@pbx.test">
              <tuple id="t4109"><status><basic>closed</basic></status></tuple>
              <note xml:lang="en">In a meeting until 3</note>
              <d:person id="me"><r:activities><r:meeting/></r:activities></d:person>
            </presence>
            """;

    @Test
    void aPublishedDocumentIsChecked() throws Exception {
        PidfDocument.parse(BARESIP);
        PidfDocument.parse(MEETING);
        assertThatThrownBy(() -> PidfDocument.parse("<presence entity='sip:a@b'>"))
                .hasMessageContaining("well-formed");
        assertThatThrownBy(() -> PidfDocument.parse("<presence xmlns='urn:other' entity='sip:a@b'/>"))
                .hasMessageContaining("root element");
        assertThatThrownBy(() -> PidfDocument.parse("<presence xmlns='urn:ietf:params:xml:ns:pidf'/>"))
                .hasMessageContaining("entity");
        assertThatThrownBy(() -> PidfDocument.parse(MEETING.replace("<basic>closed", "<basic>maybe")))
                .hasMessageContaining("'maybe'");
        assertThatThrownBy(() -> PidfDocument.parse(MEETING.replace(" id=\"t4109\"", "")))
                .hasMessageContaining("id");
        assertThatThrownBy(() -> PidfDocument.parse(MEETING.replace("<status><basic>closed</basic></status>", "")))
                .hasMessageContaining("<status>");
    }

    @Test
    void entitiesAndDoctypesAreRefusedSoNoFileIsRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<presence xmlns='urn:ietf:params:xml:ns:pidf' entity='sip:a@b'><note>&x;</note></presence>";
        assertThatThrownBy(() -> PidfDocument.parse(xxe))
                .isInstanceOf(PidfDocument.InvalidPidf.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void withNothingPublishedTheWatcherSeesWhetherAPhoneIsRegistered() {
        String closed = PidfDocument.compose(ENTITY, List.of(), new Telephony(false, false, false));
        PresenceSchema.validate(closed);
        assertThat(closed)
                .contains("entity=\"" + ENTITY + "\"")
                .contains("<basic>closed</basic>")
                .doesNotContain("person");
        String open = PidfDocument.compose(ENTITY, List.of(), new Telephony(true, false, false));
        PresenceSchema.validate(open);
        assertThat(open).contains("<basic>open</basic>").contains("<contact>" + ENTITY + "</contact>");
    }

    @Test
    void everyDevicesTuplesAreShownAndTheNewestPersonCarriesTheCallAndDnd() {
        String both = PidfDocument.compose(ENTITY, List.of(BARESIP, MEETING), new Telephony(true, true, true));
        PresenceSchema.validate(both);
        assertThat(both)
                .contains("id=\"t4109\"")
                .contains("id=\"t4109-2\"") // the same id from two devices
                .contains("<basic>open</basic>")
                .contains("<basic>closed</basic>")
                .contains("In a meeting until 3")
                .contains("meeting/>")
                .contains("on-the-phone/>")
                .contains("busy/>")
                .as("the pbx's own tuple only stands in when nothing is published")
                .doesNotContain("id=\"pbx\"");
        assertThat(both.split("person ", -1))
                .as("one person element (RFC 4479 §3.3)")
                .hasSize(2);

        String baresipOnly = PidfDocument.compose(ENTITY, List.of(BARESIP), new Telephony(true, false, false));
        PresenceSchema.validate(baresipOnly);
        assertThat(baresipOnly).as("the empty activities dropped").doesNotContain("activities");

        String onThePhone = PidfDocument.compose(ENTITY, List.of(), new Telephony(true, true, false));
        PresenceSchema.validate(onThePhone);
        assertThat(onThePhone)
                .contains("on-the-phone/>")
                .doesNotContain("busy/>")
                .contains("<basic>open</basic>");
    }

    @Test
    void unknownGivesWayToWhatTandemKnows() {
        String unknown = MEETING.replace("<r:meeting/>", "<r:unknown/>");
        String composed = PidfDocument.compose(ENTITY, List.of(unknown), new Telephony(true, true, false));
        PresenceSchema.validate(composed);
        assertThat(composed).contains("on-the-phone/>").doesNotContain("unknown");
    }
}
