package org.tandem.pbx.routing;

import javax.sip.address.Hop;
import org.tandem.pbx.registrar.Binding;

/** One branch of a {@link RouteStep.Ring}. */
public sealed interface RingTarget {

    /** What call records show as the party that answered on this branch. */
    String label();

    /** A registered device of a local user. */
    record Device(String extension, Binding binding) implements RingTarget {
        public String label() {
            return extension;
        }
    }

    /**
     * Call pickup: the waiting caller of a ringing call, reached with an INVITE that replaces the
     * ringing early dialog (RFC 3891 §3, {@code early-only}).
     *
     * @param callerUri    the caller's Contact
     * @param hop          where the caller's INVITE came from (its flow)
     * @param replaces     the Replaces header value: {@code call-id;to-tag=..;from-tag=..;early-only}
     * @param pickedCallId the Call-ID of the call picked up
     * @param callerLabel  the caller's number, as call records show who answered
     */
    record Pickup(String callerUri, Hop hop, String replaces, String pickedCallId, String callerLabel)
            implements RingTarget {
        public String label() {
            return callerLabel;
        }
    }

    /** An external number, through the trunk gateway. */
    record Outside(String number, ExternalRoute.Through route) implements RingTarget {
        public String label() {
            return number;
        }
    }
}
