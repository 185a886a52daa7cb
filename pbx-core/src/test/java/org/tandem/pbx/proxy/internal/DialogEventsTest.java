package org.tandem.pbx.proxy.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sip.SipFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.DialogStateChanged;
import org.tandem.pbx.call.Disposition;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.events.Listeners;

/** The dialog states the proxy reports per extension (RFC 4235 §3.7.1), as busy lamps read them. */
class DialogEventsTest {

    private final List<DialogStateChanged> events = new ArrayList<>();
    private final DialogEvents dialogs = new DialogEvents(new CallEvents(Listeners.of(
            List.<CallListener>of(new CallListener() {
                @Override
                public void on(DialogStateChanged e) {
                    events.add(e);
                }
            }),
            CallListener::order)));

    private static Request invite(String callId) throws Exception {
        String text = "INVITE sip:650@tandem.test SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
                + "From: \"Alice\" <sip:101@tandem.test>;tag=from-101\r\n"
                + "To: <sip:650@tandem.test>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        return SipFactory.getInstance().createMessageFactory().createRequest(text);
    }

    private List<String> of(String extension) {
        return events.stream()
                .filter(e -> e.extension().equals(extension))
                .map(e -> e.state()
                        + (e.details().reason() == null ? "" : "/" + e.details().reason()))
                .toList();
    }

    @Test
    void aRingGroupCallRingsEveryMemberAndEndsTheOthersWhenOneAnswers() throws Exception {
        dialogs.started("c1", "101", invite("c1"));
        dialogs.early("c1", "201", "tag-201", "650");
        dialogs.early("c1", "202", "tag-202", "650");
        dialogs.early("c1", "202", "tag-202b", "650"); // 202's second phone rings too: still one dialog for 202
        dialogs.confirmed("c1", "202", "tag-202", "650");
        dialogs.ended("c1");

        assertThat(of("101")).containsExactly("TRYING", "EARLY", "CONFIRMED", "TERMINATED");
        assertThat(of("201")).containsExactly("EARLY", "TERMINATED/cancelled");
        assertThat(of("202")).containsExactly("EARLY", "CONFIRMED", "TERMINATED");
        DialogStateChanged ringing = events.stream()
                .filter(e -> e.extension().equals("201"))
                .findFirst()
                .orElseThrow();
        assertThat(ringing.direction()).isEqualTo(DialogStateChanged.Direction.RECIPIENT);
        assertThat(ringing.details().localTag()).isEqualTo("tag-201");
        assertThat(ringing.details().remoteTag()).isEqualTo("from-101");
        assertThat(ringing.details().remoteUri()).isEqualTo("sip:101@tandem.test");
        assertThat(ringing.details().remoteDisplay()).isEqualTo("Alice");
        assertThat(ringing.details().ringGroup()).isEqualTo("650");
        assertThat(dialogs.party("c1", true)).as("the call is over").isNull();
    }

    @Test
    void anUnansweredCallEndsEveryoneItRangAndACancelSaysSo() throws Exception {
        dialogs.started("c2", "101", invite("c2"));
        dialogs.early("c2", "201", "t", null);
        dialogs.failed("c2", true);
        dialogs.failed("c2", true); // a second final response changes nothing
        assertThat(of("101")).containsExactly("TRYING", "EARLY", "TERMINATED/cancelled");
        assertThat(of("201")).containsExactly("EARLY", "TERMINATED/cancelled");
    }

    @Test
    void aCallAServiceAnswersIsConfirmedAndEndedByTheServicesCallEvents() throws Exception {
        dialogs.started("c3", "101", invite("c3"));
        dialogs.early("c3", "201", "t", null);
        dialogs.served("c3"); // no answer: voicemail takes the call
        dialogs.failed("c3", false); // not reported: the service owns the call now
        dialogs.on(new CallAnswered("c3", Instant.now(), "voicemail:201"));
        assertThat(dialogs.party("c3", true)).isEqualTo("101");
        dialogs.on(new CallEnded("c3", Instant.now(), Disposition.ANSWERED, 200, HangupSide.CALLER));
        assertThat(of("101")).containsExactly("TRYING", "EARLY", "CONFIRMED", "TERMINATED/local-bye");
        assertThat(of("201")).containsExactly("EARLY", "TERMINATED/cancelled");
    }

    @Test
    void aCallerWhoIsNoLocalUserLightsOnlyTheCallee() throws Exception {
        dialogs.started("c4", null, invite("c4"));
        dialogs.early("c4", "201", "t", null);
        dialogs.confirmed("c4", "201", "t", null);
        dialogs.confirmed("c4", "201", "t", null); // a 2xx retransmission or a second fork
        dialogs.ended("c4");
        assertThat(events).extracting(DialogStateChanged::extension).containsOnly("201");
        assertThat(of("201")).containsExactly("EARLY", "CONFIRMED", "TERMINATED");
    }
}
