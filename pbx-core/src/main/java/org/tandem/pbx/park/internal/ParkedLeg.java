package org.tandem.pbx.park.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.park.ParkSettings;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCallScript;

/**
 * The parked caller's leg: (when whoever dialled the park code is still on the line, i.e. before an
 * attended transfer completes) "your call has been parked at 7 0 1" in the parker's language, then music on hold until someone
 * retrieves it; unretrieved after the timeout it is sent back to the parker by a REFER (RFC 3515, blind
 * transfer) or hung up.
 */
final class ParkedLeg implements MediaCallScript {

    private static final Logger log = LoggerFactory.getLogger(ParkedLeg.class);

    private final ParkedCall parked;
    private final boolean announce;
    private final ParkSettings settings;
    private final LanguagePrompts prompts;
    private final ParkLot lot;
    private final String domain;

    ParkedLeg(
            ParkedCall parked,
            boolean announce,
            ParkSettings settings,
            LanguagePrompts prompts,
            ParkLot lot,
            String domain) {
        this.parked = parked;
        this.announce = announce;
        this.settings = settings;
        this.prompts = prompts;
        this.lot = lot;
        this.domain = domain;
    }

    @Override
    public void started(MediaCall call) {
        parked.call = call;
        parked.returnsAt = Instant.now().plusSeconds(settings.timeoutSeconds());
        parked.timeout = call.schedule(Duration.ofSeconds(settings.timeoutSeconds()), () -> timedOut(call));
        if (parked.bridge != null) return; // retrieved between the answer and its ACK
        if (announce) {
            List<short[]> said = new ArrayList<>(prompts.all("park-parked-at"));
            said.addAll(prompts.digits(parked.orbit));
            call.playAll(said).whenComplete((outcome, error) -> holdMusic(call));
        } else {
            holdMusic(call);
        }
    }

    private void holdMusic(MediaCall call) {
        if (parked.bridge == null && !call.isOver()) call.loop(prompts.get("moh-default"));
    }

    private void timedOut(MediaCall call) {
        if (!lot.release(parked)) return; // retrieved meanwhile
        String parker = parked.parker;
        if (!settings.returnToParker() || parker == null || parker.equals(parked.caller)) {
            log.info("Parked call {} at orbit {} not retrieved: hanging up", call.callId(), parked.orbit);
            call.hangUp("Park timeout");
            return;
        }
        log.info("Parked call {} at orbit {} not retrieved: back to {}", call.callId(), parked.orbit, parker);
        call.refer("sip:" + parker + "@" + domain, "sip:park@" + domain, status -> {
            // 202 only says the REFER was accepted; the NOTIFYs then report the new call (RFC 3515 §2.4.5)
            if (status >= 200 && status < 300 && status != 202) call.hangUp("Returned to " + parker);
            else if (status >= 300) call.hangUp("Could not return the call to " + parker + " (" + status + ")");
        });
    }

    @Override
    public void ended(MediaCall call, HangupSide side) {
        if (parked.timeout != null) parked.timeout.cancel(false);
        lot.release(parked);
        MediaCall other = parked.retriever;
        if (other != null) other.execute(() -> other.hangUp("The parked caller hung up"));
        if (parked.bridge != null) parked.bridge.close();
    }
}
