package org.tandem.pbx.call;

import java.time.Instant;

/**
 * How a call's media went, once it is over: whether the appliance relayed it (NAT, trunk) and what each party sent
 * through the relay. Calls whose media went directly between the phones raise none.
 *
 * @param caller what the caller sent (as received by the relay)
 * @param callee what the callee sent
 */
public record CallMedia(String callId, Instant at, boolean relayed, Stream caller, Stream callee) implements CallEvent {

    /**
     * One party's stream.
     *
     * @param packets      RTP packets received from it
     * @param lost         packets missing from its stream (RFC 3550 A.3)
     * @param jitterMillis interarrival jitter of its stream (RFC 3550 A.8)
     * @param bytes        bytes of those packets (UDP payload: RTP header and media); null where unknown (calls
     *                     recorded before the appliance counted them)
     */
    public record Stream(long packets, long lost, double jitterMillis, Long bytes) {

        /** A stream whose bytes were not counted. */
        public Stream(long packets, long lost, double jitterMillis) {
            this(packets, lost, jitterMillis, null);
        }
    }

    @Override
    public void deliverTo(CallListener listener) {
        listener.on(this);
    }
}
