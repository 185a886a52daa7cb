package org.tandem.pbx.park.internal;

import org.tandem.media.ConferenceMixer;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCallScript;
import org.tandem.pbx.ua.MediaCalls;

/**
 * Whoever dialled the orbit of a parked call: both legs, each answered here, are joined in a two-party
 * mixer (each hears the other), the parked leg's music stops; when one hangs up the other is hung up.
 */
final class RetrieverLeg implements MediaCallScript {

    private final ParkedCall parked;
    private final MediaCalls calls;

    RetrieverLeg(ParkedCall parked, MediaCalls calls) {
        this.parked = parked;
        this.calls = calls;
    }

    @Override
    public void started(MediaCall retriever) {
        MediaCall parkedLeg = parked.call;
        parkedLeg.execute(() -> {
            if (parkedLeg.isOver()) {
                retriever.execute(() -> retriever.hangUp("The parked caller hung up"));
                return;
            }
            if (parked.timeout != null) parked.timeout.cancel(false);
            ConferenceMixer bridge = calls.createMixer();
            parked.bridge = bridge;
            parked.retriever = retriever;
            parkedLeg.media().stopPlayback();
            bridge.join(parkedLeg.media());
            bridge.join(retriever.media());
        });
    }

    @Override
    public void ended(MediaCall retriever, HangupSide side) {
        MediaCall parkedLeg = parked.call;
        parkedLeg.execute(() -> {
            parkedLeg.hangUp("The other party hung up");
            if (parked.bridge != null) parked.bridge.close();
        });
    }
}
