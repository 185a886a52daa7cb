package org.tandem.pbx.proxy.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import javax.sip.address.Hop;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.message.Request;
import org.tandem.pbx.sip.InboundRequest;

/**
 * Calls ringing right now, with what pickup needs to replace one of their early dialogs. Written
 * on each call's own stripe, read from the picker's: entries are immutable and replaced whole.
 */
public final class RingingCalls {

    /**
     * @param extension the extension whose phone rings (sent a provisional with a To tag)
     * @param toTag     that phone's early dialog tag
     */
    record Ringing(
            String callId,
            String callerUri,
            Hop callerHop,
            String callerTag,
            String callerNumber,
            String extension,
            String toTag,
            Instant since) {

        /**
         * The call a ringing extension may be picked from: how to reach its caller (the INVITE's Contact, its source
         * and From tag), or null when the INVITE has no Contact to call back.
         */
        static Ringing of(Request invite, InboundRequest caller, String callerNumber, String extension, String toTag) {
            ContactHeader contact = (ContactHeader) invite.getHeader(ContactHeader.NAME);
            if (contact == null) return null;
            return new Ringing(
                    ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(),
                    contact.getAddress().getURI().toString(),
                    caller.sourceHop(),
                    ((FromHeader) invite.getHeader(FromHeader.NAME)).getTag(),
                    callerNumber,
                    extension,
                    toTag,
                    Instant.now());
        }
    }

    private final Map<String, Ringing> byCallId = new ConcurrentHashMap<>();

    void ringing(Ringing r) {
        byCallId.putIfAbsent(r.callId(), r);
    }

    void over(String callId) {
        byCallId.remove(callId);
    }

    /** The longest-ringing call at one of the extensions {@code ringsAt} accepts, if any. */
    Optional<Ringing> oldest(Predicate<String> ringsAt) {
        return byCallId.values().stream()
                .filter(r -> ringsAt.test(r.extension()))
                .min(Comparator.comparing(Ringing::since));
    }

    /** The call with this Call-ID, while it rings. */
    Optional<Ringing> byCallId(String callId) {
        return Optional.ofNullable(byCallId.get(callId));
    }

    /** Takes the call so that two pickers do not both get it. */
    boolean claim(Ringing r) {
        return byCallId.remove(r.callId(), r);
    }
}
