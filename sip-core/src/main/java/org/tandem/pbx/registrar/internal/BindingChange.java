package org.tandem.pbx.registrar.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tandem.pbx.registrar.Binding;

/**
 * RFC 3261 §10.3 steps 6 and 7 as a pure function: given an AOR's current bindings and a REGISTER,
 * the bindings after it, or why it must fail. No I/O, no SIP objects, so every rule is unit-tested.
 */
final class BindingChange {

    /** One Contact of the REGISTER, its expiry already decided (seconds; 0 = remove). */
    record RequestedContact(String uri, String key, int expires, int q, String instanceId, int regId) {}

    /** The REGISTER as far as the bindings are concerned. {@code wildcard} = "Contact: *". */
    record Register(
            String extension,
            String callId,
            long cseq,
            boolean wildcard,
            List<RequestedContact> contacts,
            String sourceAddress,
            int sourcePort,
            String transport,
            String userAgent) {}

    sealed interface Result {}

    /** Step 7: same Call-ID and a CSeq not higher than the binding's → the whole update is aborted. */
    record OutOfOrder(String contactUri) implements Result {}

    /**
     * @param bindings   the AOR's bindings afterwards (key → binding), expired ones dropped
     * @param upserts    bindings to insert or update in the database
     * @param removedKeys keys to delete from the database (removed or found expired)
     */
    record Applied(Map<String, Binding> bindings, List<Binding> upserts, List<String> removedKeys) implements Result {
        boolean changesNothing() {
            return upserts.isEmpty() && removedKeys.isEmpty();
        }
    }

    private BindingChange() {}

    static Result apply(Map<String, Binding> current, Register r, Instant now) {
        Map<String, Binding> next = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        current.forEach((key, b) -> {
            if (b.isExpired(now)) removed.add(key);
            else next.put(key, b);
        });
        List<Binding> upserts = new ArrayList<>();
        if (r.wildcard()) {
            // Step 6: "*" removes every binding, each subject to the Call-ID/CSeq check
            for (Binding b : next.values()) {
                if (outOfOrder(b, r)) return new OutOfOrder(b.contactUri());
            }
            removed.addAll(next.keySet());
            next.clear();
            return new Applied(next, upserts, removed);
        }
        for (RequestedContact c : r.contacts()) {
            // Step 7: an existing binding with the same Call-ID is only changed by a higher CSeq. Checked
            // against the bindings before this request, so a Contact listed twice is not "out of order".
            Binding original = current.get(c.key());
            if (original != null && !original.isExpired(now) && outOfOrder(original, r)) {
                return new OutOfOrder(original.contactUri());
            }
            if (c.instanceId() != null && c.expires() > 0) replaceSameInstance(next, removed, c);
            Binding existing = next.get(c.key());
            if (c.expires() == 0) {
                if (existing != null) {
                    next.remove(c.key());
                    removed.add(c.key());
                }
                continue;
            }
            Binding b = new Binding(
                    r.extension(),
                    c.uri(),
                    r.callId(),
                    r.cseq(),
                    now.plusSeconds(c.expires()),
                    c.q(),
                    r.sourceAddress(),
                    r.sourcePort(),
                    r.transport(),
                    r.userAgent(),
                    c.instanceId(),
                    c.regId(),
                    existing != null && r.callId().equals(existing.callId()) ? existing.registeredAt() : now);
            next.put(c.key(), b);
            removed.remove(c.key());
            upserts.add(b);
        }
        return new Applied(next, upserts, removed);
    }

    /**
     * RFC 5626 §6 / RFC 5627 §4.2: the same device (+sip.instance) with the same reg-id registering a new
     * Contact (typically a new IP address after DHCP or a network change) replaces its old binding, so
     * calls are not forked to an address the phone left.
     */
    private static void replaceSameInstance(Map<String, Binding> next, List<String> removed, RequestedContact c) {
        next.entrySet().removeIf(e -> {
            Binding b = e.getValue();
            boolean same =
                    !e.getKey().equals(c.key()) && c.instanceId().equals(b.instanceId()) && c.regId() == b.regId();
            if (same) removed.add(e.getKey());
            return same;
        });
    }

    private static boolean outOfOrder(Binding existing, Register r) {
        return existing.callId().equals(r.callId()) && r.cseq() <= existing.cseq();
    }
}
