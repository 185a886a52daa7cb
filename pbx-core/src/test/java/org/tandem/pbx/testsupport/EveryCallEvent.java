package org.tandem.pbx.testsupport;

import java.util.function.Consumer;
import org.tandem.pbx.call.CallAnswered;
import org.tandem.pbx.call.CallBlocked;
import org.tandem.pbx.call.CallEnded;
import org.tandem.pbx.call.CallEvent;
import org.tandem.pbx.call.CallListener;
import org.tandem.pbx.call.CallMedia;
import org.tandem.pbx.call.CallQueued;
import org.tandem.pbx.call.CallRouted;
import org.tandem.pbx.call.CallStarted;
import org.tandem.pbx.call.CallTrunkUsed;
import org.tandem.pbx.call.DialogStateChanged;

/** A test's probe on the call events: hands every one to a consumer ({@code pbx.bean(CallEvents.class).listen(...)}). */
public final class EveryCallEvent implements CallListener {

    private final Consumer<CallEvent> sink;

    public EveryCallEvent(Consumer<CallEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void on(CallStarted e) {
        sink.accept(e);
    }

    @Override
    public void on(CallRouted e) {
        sink.accept(e);
    }

    @Override
    public void on(CallTrunkUsed e) {
        sink.accept(e);
    }

    @Override
    public void on(CallAnswered e) {
        sink.accept(e);
    }

    @Override
    public void on(CallEnded e) {
        sink.accept(e);
    }

    @Override
    public void on(CallMedia e) {
        sink.accept(e);
    }

    @Override
    public void on(CallBlocked e) {
        sink.accept(e);
    }

    @Override
    public void on(CallQueued e) {
        sink.accept(e);
    }

    @Override
    public void on(DialogStateChanged e) {
        sink.accept(e);
    }
}
