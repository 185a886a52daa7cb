package org.tandem.pbx.trunk;

import java.util.concurrent.CompletableFuture;

/**
 * The "test" of a trunk (issue 17): an OPTIONS request (RFC 3261 §11) to its provider, as the admin checks a new trunk
 * before routing calls to it. Any final response means the provider is reachable over the trunk's transport and
 * answers SIP (a 404 or 405 too: many providers answer OPTIONS so); no answer within the time means it is not.
 */
public interface TrunkProbes {

    /**
     * @param reachable a final response came back
     * @param status    its code (0 when none)
     * @param reason    its reason phrase, or why nothing came back
     * @param millis    from sending to the response (or to giving up)
     */
    record Result(boolean reachable, int status, String reason, long millis) {

        /** In words, for the page and the API. */
        public String message() {
            return reachable
                    ? "reachable: the provider answered " + status + " " + reason + " in " + millis + " ms"
                    : "not reachable: " + reason;
        }
    }

    /** Completes within a few seconds, never exceptionally; empty trunk id or an unknown one: not reachable. */
    CompletableFuture<Result> probe(String trunkId);
}
