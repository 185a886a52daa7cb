package org.tandem.pbx.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.events.ListenerOrder;
import org.tandem.pbx.events.Listeners;

/**
 * The call path's port: each kind of {@link CallEvent} reaches the {@link CallListener} method of its own type, in
 * the listeners' order, and a listener hears only the kinds it overrides. (Ordering, failures and the Spring wiring
 * of the ports: {@code ListenersTest} in sip-core.)
 */
class CallEventsTest {

    private final List<String> heard = new ArrayList<>();

    /** Notes each event with the method that heard it. */
    private final class Everything implements CallListener {
        private final String name;
        private final int order;

        Everything(String name, int order) {
            this.name = name;
            this.order = order;
        }

        @Override
        public void on(CallStarted e) {
            heard.add(name + " started " + e.callId());
        }

        @Override
        public void on(CallRouted e) {
            heard.add(name + " routed " + e.callId());
        }

        @Override
        public void on(CallTrunkUsed e) {
            heard.add(name + " trunk " + e.callId());
        }

        @Override
        public void on(CallAnswered e) {
            heard.add(name + " answered " + e.callId());
        }

        @Override
        public void on(CallEnded e) {
            heard.add(name + " ended " + e.callId());
        }

        @Override
        public void on(CallMedia e) {
            heard.add(name + " media " + e.callId());
        }

        @Override
        public void on(CallBlocked e) {
            heard.add(name + " blocked " + e.callId());
        }

        @Override
        public void on(CallQueued e) {
            heard.add(name + " queued " + e.callId());
        }

        @Override
        public void on(DialogStateChanged e) {
            heard.add(name + " dialog " + e.callId());
        }

        @Override
        public int order() {
            return order;
        }
    }

    @Test
    void eachEventReachesTheMethodOfItsTypeInTheListenersOrder() {
        CallEvents events = new CallEvents(Listeners.of(
                List.<CallListener>of(
                        new Everything("lamp", ListenerOrder.NOTIFY), new Everything("cdr", ListenerOrder.RECORDS)),
                CallListener::order));
        Instant now = Instant.now();
        List<CallEvent> call = List.of(
                new CallStarted("c1", now, "201", "201", null, "202", CallDirection.INTERNAL, null, null, null),
                new CallRouted("c2", now, "extension:202", null, null),
                new CallTrunkUsed("c3", now, "itsp", "0301234", 200),
                new CallAnswered("c4", now, "202"),
                new CallMedia("c5", now, true, null, null),
                new CallBlocked("c6", now, "blocklist:global"),
                new CallQueued("c7", now, "700", CallQueued.Outcome.ANSWERED, 1000, "202"),
                new DialogStateChanged(
                        "c8", "202", DialogStateChanged.State.EARLY, DialogStateChanged.Direction.RECIPIENT),
                new CallEnded("c9", now, Disposition.ANSWERED, 200, HangupSide.CALLER));
        call.forEach(events::publish);

        assertThat(heard)
                .containsExactly(
                        "cdr started c1",
                        "lamp started c1",
                        "cdr routed c2",
                        "lamp routed c2",
                        "cdr trunk c3",
                        "lamp trunk c3",
                        "cdr answered c4",
                        "lamp answered c4",
                        "cdr media c5",
                        "lamp media c5",
                        "cdr blocked c6",
                        "lamp blocked c6",
                        "cdr queued c7",
                        "lamp queued c7",
                        "cdr dialog c8",
                        "lamp dialog c8",
                        "cdr ended c9",
                        "lamp ended c9");
    }

    @Test
    void aListenerHearsOnlyTheKindsItOverrides() {
        CallEvents events = new CallEvents(Listeners.of(
                List.<CallListener>of(new CallListener() {
                    @Override
                    public void on(CallEnded e) {
                        heard.add("ended " + e.callId());
                    }
                }),
                CallListener::order));
        events.publish(new CallAnswered("c1", Instant.now(), "202"));
        events.publish(new CallEnded("c1", Instant.now(), Disposition.ANSWERED, 200, HangupSide.CALLEE));
        assertThat(heard).containsExactly("ended c1");
    }
}
