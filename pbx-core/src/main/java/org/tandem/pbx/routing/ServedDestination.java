package org.tandem.pbx.routing;

import java.util.Optional;
import org.tandem.pbx.ua.MediaCallScript;

/**
 * A kind of destination answered by a user agent of this process (the media services): voicemail,
 * conference, IVR. The dial plan asks each such bean; a kind no bean serves is refused with 480.
 */
public interface ServedDestination {

    /** True for the destination kinds this bean serves (e.g. every {@link Destination.Voicemail}). */
    boolean serves(Destination destination);

    /**
     * Whether a call can go there now (voicemail: the box exists and is on). The dial plan only sends
     * unanswered or busy calls to a user's voicemail when it is.
     */
    default boolean available(Destination destination) {
        return true;
    }

    /**
     * The step for a call reaching {@code destination}: usually {@link RouteStep.Serve}, or a
     * {@link RouteStep.Refuse} saying why not (no such room, box switched off).
     *
     * @param reason why the call came here (voicemail plays the busy or the unavailable greeting)
     */
    RouteStep step(CallRequest call, Destination destination, Reason reason);

    /**
     * What a call already answered here (by an IVR menu) does when it moves on to {@code destination}: the
     * script of this service, run in the same dialog; empty when the destination is not served that way (no such
     * box, room or menu).
     */
    default Optional<MediaCallScript> scriptFor(CallRequest call, Destination destination) {
        return Optional.empty();
    }

    /** Why a call reaches a served destination. */
    enum Reason {
        /** dialled, or configured as a target (inbound route, IVR option, forward) */
        DIRECT,
        /** the user was busy (in a call, or their phones answered busy / declined) */
        BUSY,
        /** nobody answered, nobody is registered, or do-not-disturb */
        UNAVAILABLE
    }
}
