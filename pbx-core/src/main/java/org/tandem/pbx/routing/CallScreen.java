package org.tandem.pbx.routing;

import java.util.Optional;

/**
 * Screens calls from outside callers (trunk and anonymous callers, never a local user's own call) before the dial
 * plan rings anyone: the blocklist. The dial plan asks every such bean first for the PBX as a whole, then for each
 * user whose phones it is about to ring (a forward leads to the target's own list).
 */
public interface CallScreen {

    /**
     * @param extension the user whose phones would ring next, or null for the PBX as a whole
     * @return the step that ends a screened-out call (a refusal, or a media service playing a treatment), or
     *         empty when the call may go on. Runs on the call's stripe: memory only, never blocks.
     */
    Optional<RouteStep> screen(CallRequest call, String extension);
}
