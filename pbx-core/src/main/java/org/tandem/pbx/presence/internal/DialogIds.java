package org.tandem.pbx.presence.internal;

import java.nio.charset.StandardCharsets;
import org.tandem.pbx.security.Digests;

/**
 * The {@code id} of a lamp's dialog (RFC 4235 §4.1.2: "unique within the resource", the same in every NOTIFY for the
 * dialog's life): the name-based UUID (version 3, RFC 4122 §4.3) of its Call-ID and the side the resource is on, as
 * it always was. Each dialog changes state a few times and each change needs the id, so the ids of the calls of
 * late are kept in a small table of fixed size, one entry per slot, a newer call taking its slot over (issue 23:
 * the MD5 per change was 0.5–0.7 % of the Call-ID stripes' time per call). Bounded whatever the traffic: a call
 * whose entry was taken over only has its id computed again, to the same value. Any thread: an entry is immutable
 * and a slot is one reference.
 */
final class DialogIds {

    /** Slots (a power of two): well above the dialogs a busy appliance has changing at once. */
    static final int SLOTS = 4096;

    private record Entry(String callId, String side, String id) {}

    private final Entry[] slots = new Entry[SLOTS];

    /** The id of the dialog of call {@code callId} seen from {@code side} (initiator, recipient, group...). */
    String of(String callId, String side) {
        int slot = (callId.hashCode() * 31 + side.hashCode()) & (SLOTS - 1);
        Entry e = slots[slot];
        if (e != null && e.callId.equals(callId) && e.side.equals(side)) return e.id;
        String id = computed(callId, side);
        slots[slot] = new Entry(callId, side, id);
        return id;
    }

    /** The id itself, without the table. */
    static String computed(String callId, String side) {
        return Digests.nameUuid((callId + "|" + side).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
