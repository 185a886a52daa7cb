package org.tandem.pbx.routing;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * What the proxy does next with a call. A call is a chain of steps evaluated lazily: each
 * {@link Ring} says what follows if nobody answers (forward on busy / no answer, the next hunt group
 * member, a fallback). All steps run inside the caller's one INVITE transaction (RFC 3261 §16.7
 * step 4: a proxy may add targets after the first ones failed).
 */
public sealed interface RouteStep {

    /**
     * Ring these targets in parallel.
     *
     * @param ringTime      how long before they are cancelled and {@code next} is asked; null = until
     *                      the proxy's overall no-answer timeout
     * @param next          what to do when the step ends unanswered (never null; may return a {@link Refuse})
     * @param destination   what is being rung, in Destination text form (for call records)
     * @param ringGroup     the ring group number, when a ring group is being rung
     * @param forwardedFrom the extension whose forwarding led here, or null
     * @param displayPrefix prepended to the caller's display name on these branches (ring group caller-ID prefix), or null
     * @param autoAnswer    the phones are asked to answer at once on their speaker (intercom, paging: see
     *                      {@link AutoAnswer}); on every other call such headers from the caller are removed
     */
    record Ring(
            List<RingTarget> targets,
            Duration ringTime,
            Function<RingOutcome, RouteStep> next,
            String destination,
            String ringGroup,
            String forwardedFrom,
            String displayPrefix,
            boolean autoAnswer)
            implements RouteStep {
        public Ring {
            targets = List.copyOf(targets);
        }

        /** An ordinary ring step: the phones ring. */
        public Ring(
                List<RingTarget> targets,
                Duration ringTime,
                Function<RingOutcome, RouteStep> next,
                String destination,
                String ringGroup,
                String forwardedFrom,
                String displayPrefix) {
            this(targets, ringTime, next, destination, ringGroup, forwardedFrom, displayPrefix, false);
        }

        /** The extension this step rings when its destination is one ({@code extension:<number>}), else null. */
        public String extension() {
            return Destination.Extension.numberIn(destination);
        }
    }

    /**
     * End the call with this final response; {@code reason} is the reason phrase and must say why.
     *
     * @param destination for call records: {@code external:<number>} when an outbound route took a number the
     *                    caller dialled and refused it (e.g. by permission class), so the attempt counts as
     *                    outbound; otherwise null
     */
    record Refuse(int status, String reason, String destination) implements RouteStep {
        public Refuse(int status, String reason) {
            this(status, reason, null);
        }
    }

    /** Answer the call inside this process (a feature code, later voicemail, conference, IVR). */
    record Serve(LocalService service, String destination) implements RouteStep {}

    /** Stop after the previous step: send its best response upstream unchanged. */
    record GiveUp(RingOutcome outcome) implements RouteStep {}
}
