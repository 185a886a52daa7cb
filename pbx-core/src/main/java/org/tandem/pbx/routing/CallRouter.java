package org.tandem.pbx.routing;

/** The dial plan, as the proxy uses it for every new call. Runs on the call's stripe: must not block. */
public interface CallRouter {

    /** The first step for a call; later steps come from each {@link RouteStep.Ring#next()}. */
    RouteStep route(CallRequest call);

    /**
     * Where a ringing call goes when an operator sends it elsewhere before anyone answered (issue 15): to
     * {@code target} — a number as dialled (extension, ring group, park orbit, conference, external number) or a
     * destination in text form ({@code voicemail:201}) — as if {@code line}'s own forwarding named it, so
     * {@code line}'s permission class applies to an external number, as for a forward (issue 22).
     */
    default RouteStep deflect(CallRequest call, String target, String line) {
        return new RouteStep.Refuse(501, "Not Implemented");
    }
}
