package org.tandem.pbx.presence.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.DialogStateChanged;
import org.tandem.pbx.call.DialogStateChanged.Details;
import org.tandem.pbx.call.DialogStateChanged.Direction;
import org.tandem.pbx.call.DialogStateChanged.State;
import org.tandem.pbx.presence.DialogInfoSchema;

/** The dialog-info documents (RFC 4235 §4.1) and the state they are written from. */
class DialogInfoDocumentTest {

    private static DialogView ringing(String id) {
        return new DialogView(
                id,
                "call-1@10.0.0.5",
                "to-102",
                "from-101",
                "recipient",
                "early",
                null,
                "sip:102@tandem.test",
                "sip:101@tandem.test",
                "Reception & \"Front\" <desk>");
    }

    @Test
    void aRingingExtensionCarriesWhatPickupFromTheLampNeeds() {
        String xml = DialogInfoDocument.write("sip:102@tandem.test", 0, true, List.of(ringing("d1")));
        DialogInfoSchema.validate(xml);
        assertThat(xml)
                .contains("version=\"0\" state=\"full\" entity=\"sip:102@tandem.test\"")
                .contains(
                        "call-id=\"call-1@10.0.0.5\" local-tag=\"to-102\" remote-tag=\"from-101\" direction=\"recipient\"")
                .contains("<state>early</state>")
                .contains(
                        "<identity display=\"Reception &amp; &quot;Front&quot; &lt;desk&gt;\">sip:101@tandem.test</identity>")
                .contains("<target uri=\"sip:101@tandem.test\"/>")
                .contains("<target uri=\"sip:102@tandem.test\"/>");
    }

    @Test
    void anIdleLampIsAnEmptyFullDocumentAndAnEndedCallAPartialOneWithItsReason() {
        String idle = DialogInfoDocument.write("sip:700@tandem.test", 3, true, List.of());
        DialogInfoSchema.validate(idle);
        assertThat(idle).contains("version=\"3\" state=\"full\"").doesNotContain("<dialog ");

        String ended = DialogInfoDocument.write(
                "sip:102@tandem.test", 4, false, List.of(ringing("d1").withState("terminated", "cancelled")));
        DialogInfoSchema.validate(ended);
        assertThat(ended).contains("state=\"partial\"").contains("<state event=\"cancelled\">terminated</state>");
    }

    @Test
    void aTryingCallerHasNoTagsYetAndControlCharactersNeverReachTheXml() {
        DialogView trying = new DialogView(
                "d2",
                "call-2",
                "from-101",
                null,
                "initiator",
                "trying",
                null,
                "sip:101@tandem.test",
                "sip:102@tandem.test",
                "bell\u0007");
        String xml = DialogInfoDocument.write("sip:101@tandem.test", 1, false, List.of(trying));
        DialogInfoSchema.validate(xml);
        assertThat(xml).doesNotContain("remote-tag").contains("display=\"bell\"");
    }

    @Test
    void theSchemaRefusesWhatPhonesWouldMisread() {
        assertThatThrownBy(
                        () -> DialogInfoSchema.validate(
                                "<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"all\" entity=\"sip:1@x\"/>"))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(() -> DialogInfoSchema.validate(
                        "<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"full\" entity=\"sip:1@x\">"
                                + "<dialog id=\"a\"><state>ringing</state></dialog></dialog-info>"))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void aResourceShowsEachDialogOnceAndForgetsItWhenItEnds() {
        ResourceDialogs dialogs = new ResourceDialogs();
        assertThat(dialogs.apply("102", ringing("d1"))).isTrue();
        assertThat(dialogs.apply("102", ringing("d1")))
                .as("the same state again is no change")
                .isFalse();
        assertThat(dialogs.current("102")).containsExactly(ringing("d1"));
        DialogView answered = ringing("d1").withState("confirmed", null);
        assertThat(dialogs.apply("102", answered)).isTrue();
        assertThat(dialogs.current("102")).containsExactly(answered);
        assertThat(dialogs.apply("102", answered.withState("terminated", null))).isTrue();
        assertThat(dialogs.current("102")).isEmpty();
        assertThat(dialogs.apply("102", ringing("d9").withState("terminated", null)))
                .as("a dialog never shown is not reported ended")
                .isFalse();
    }

    @Test
    void aResourceKeepsItsDialogsInTheOrderTheyBeganAndShowsNoMoreThanItsLimit() {
        ResourceDialogs dialogs = new ResourceDialogs();
        for (int i = 1; i <= ResourceDialogs.MAX_PER_RESOURCE; i++)
            assertThat(dialogs.apply("102", ringing("d" + i))).isTrue();
        assertThat(dialogs.apply("102", ringing("d-over")))
                .as("a resource at its limit shows no new dialog")
                .isFalse();
        assertThat(dialogs.apply("102", ringing("d2").withState("terminated", null)))
                .isTrue();
        DialogView answered = ringing("d3").withState("confirmed", null);
        assertThat(dialogs.apply("102", answered)).isTrue();
        assertThat(dialogs.current("102"))
                .hasSize(ResourceDialogs.MAX_PER_RESOURCE - 1)
                .startsWith(ringing("d1"), answered, ringing("d4"))
                .endsWith(ringing("d" + ResourceDialogs.MAX_PER_RESOURCE));
        assertThat(dialogs.apply("102", ringing("d-next"))).isTrue();
        assertThat(dialogs.current("102")).last().isEqualTo(ringing("d-next"));
    }

    @Test
    void dialogsWhoseIdsShareAHashAreStillTwoDialogs() {
        // "Aa" and "BB" have the same String hash: the search compares the ids themselves once the hashes match
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        ResourceDialogs dialogs = new ResourceDialogs();
        assertThat(dialogs.apply("102", ringing("Aa"))).isTrue();
        assertThat(dialogs.apply("102", ringing("BB"))).isTrue();
        assertThat(dialogs.apply("102", ringing("BB").withState("terminated", null)))
                .isTrue();
        assertThat(dialogs.current("102")).containsExactly(ringing("Aa"));
        assertThat(dialogs.apply("102", ringing("BB").withState("terminated", null)))
                .as("BB ended already, Aa is another dialog")
                .isFalse();
        DialogView answered = ringing("Aa").withState("confirmed", null);
        assertThat(dialogs.apply("102", answered)).isTrue();
        assertThat(dialogs.apply("102", ringing("BB"))).isTrue();
        assertThat(dialogs.current("102")).containsExactly(answered, ringing("BB"));
        assertThat(dialogs.apply("102", answered.withState("terminated", null))).isTrue();
        assertThat(dialogs.current("102")).containsExactly(ringing("BB"));
    }

    @Test
    void aRingGroupIsRingingWhileAnyMemberRingsAndBusyOnceOneAnswered() {
        RingGroupLamps group = new RingGroupLamps();
        assertThat(group.apply(member("201", State.EARLY))).isEqualTo(State.EARLY);
        assertThat(group.apply(member("202", State.EARLY))).isNull();
        assertThat(group.apply(member("202", State.CONFIRMED))).isEqualTo(State.CONFIRMED);
        assertThat(group.apply(member("201", State.TERMINATED)))
                .as("201 was cancelled, 202 talks")
                .isNull();
        assertThat(group.apply(member("202", State.TERMINATED))).isEqualTo(State.TERMINATED);
    }

    private static DialogStateChanged member(String extension, State state) {
        return new DialogStateChanged(
                "call-9",
                extension,
                state,
                Direction.RECIPIENT,
                new Details("t-" + extension, "f", "sip:101@tandem.test", null, "600", null));
    }
}
