package org.tandem.pbx.voicemail.internal;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.ServedDestination;
import org.tandem.pbx.ua.MediaCallScript;
import org.tandem.pbx.ua.MediaCalls;
import org.tandem.pbx.voicemail.VoicemailBox;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailGreetings;
import org.tandem.pbx.voicemail.VoicemailStore;

/**
 * {@code voicemail:<box>}: a call there is answered and leaves a message ({@link DepositCall}). The dial
 * plan also sends a user's unanswered, busy, do-not-disturb and unregistered calls here when the box is on
 * and no forward is set for that case.
 */
@Component
public class VoicemailDestination implements ServedDestination {

    private final VoicemailBoxes boxes;
    private final VoicemailStore store;
    private final VoicemailGreetings greetings;
    private final BoxLanguage prompts;
    private final MediaCalls calls;

    VoicemailDestination(
            VoicemailBoxes boxes,
            VoicemailStore store,
            VoicemailGreetings greetings,
            BoxLanguage prompts,
            MediaCalls calls) {
        this.boxes = boxes;
        this.store = store;
        this.greetings = greetings;
        this.prompts = prompts;
        this.calls = calls;
    }

    @Override
    public boolean serves(Destination destination) {
        return destination instanceof Destination.Voicemail;
    }

    @Override
    public boolean available(Destination destination) {
        return boxes.find(((Destination.Voicemail) destination).box())
                .map(VoicemailBox::enabled)
                .orElse(false);
    }

    @Override
    public Optional<MediaCallScript> scriptFor(CallRequest call, Destination destination) {
        return boxes.find(((Destination.Voicemail) destination).box())
                .filter(VoicemailBox::enabled)
                .map(box -> new DepositCall(box, call, false, prompts.of(box.extension()), greetings, store));
    }

    @Override
    public RouteStep step(CallRequest call, Destination destination, Reason reason) {
        String number = ((Destination.Voicemail) destination).box();
        VoicemailBox box = boxes.find(number).orElse(null);
        if (box == null) return new RouteStep.Refuse(404, "No voicemail box " + number);
        if (!box.enabled()) return new RouteStep.Refuse(480, "Voicemail is off for " + number);
        String label = destination.toString();
        boolean busy = reason == Reason.BUSY;
        return new RouteStep.Serve(
                (invite, server, request) -> calls.answer(
                        invite,
                        server,
                        label,
                        new DepositCall(box, request, busy, prompts.of(box.extension()), greetings, store)),
                label);
    }
}
