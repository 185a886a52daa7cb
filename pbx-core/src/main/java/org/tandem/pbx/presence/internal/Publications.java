package org.tandem.pbx.presence.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The presence state devices published (RFC 3903 soft state), per user and entity-tag: each publication lives until
 * it expires, is refreshed or replaced under a new entity-tag, or is removed. Held in memory only, as the RFC means
 * it: after a restart a device's refresh gets 412 and it publishes afresh (§4.1). Written from the stripes of many
 * PUBLISH transactions: each user's publications are one map replaced whole.
 */
final class Publications {

    /** One device's published document (kept as text: a DOM is no thing to share between threads). */
    record Publication(String etag, String document, long expiresAtMs) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Map<String, Publication>> byUser = new ConcurrentHashMap<>();

    /**
     * Stores {@code document} for {@code user} under a new entity-tag, replacing {@code previousEtag} (a modify or
     * refresh, RFC 3903 §6 steps 6-8) when given; a refresh without a document keeps the stored one. Returns the new
     * entity-tag, or null when {@code previousEtag} is not (any more) one of the user's (then 412).
     */
    String put(String user, String previousEtag, String document, long expiresAtMs) {
        String etag = HexFormat.of().formatHex(randomBytes());
        boolean[] known = {previousEtag == null};
        byUser.compute(user, (k, old) -> {
            Map<String, Publication> next = old == null ? new LinkedHashMap<>() : new LinkedHashMap<>(old);
            String doc = document;
            if (previousEtag != null) {
                Publication before = next.remove(previousEtag);
                if (before == null || before.expiresAtMs() <= System.currentTimeMillis()) return old;
                known[0] = true;
                if (doc == null) doc = before.document();
            }
            next.put(etag, new Publication(etag, doc, expiresAtMs));
            return Collections.unmodifiableMap(next);
        });
        return known[0] ? etag : null;
    }

    /** Removes {@code etag} of {@code user} (Expires: 0, RFC 3903 §6 step 7); false when it is not known. */
    boolean remove(String user, String etag) {
        boolean[] removed = {false};
        byUser.computeIfPresent(user, (k, old) -> {
            if (!old.containsKey(etag)) return old;
            removed[0] = true;
            Map<String, Publication> next = new LinkedHashMap<>(old);
            next.remove(etag);
            return next.isEmpty() ? null : Collections.unmodifiableMap(next);
        });
        return removed[0];
    }

    /** The user's unexpired documents, oldest publication first. */
    List<String> documents(String user) {
        Map<String, Publication> m = byUser.get(user);
        if (m == null) return List.of();
        long now = System.currentTimeMillis();
        List<String> out = new ArrayList<>();
        for (Publication p : m.values()) if (p.expiresAtMs() > now) out.add(p.document());
        return out;
    }

    /** Drops every expired publication; returns the users whose state changed by it. */
    Set<String> expire(long now) {
        Set<String> changed = new HashSet<>();
        for (String user : List.copyOf(byUser.keySet())) {
            byUser.computeIfPresent(user, (k, old) -> {
                if (old.values().stream().noneMatch(p -> p.expiresAtMs() <= now)) return old;
                changed.add(user);
                Map<String, Publication> next = new LinkedHashMap<>(old);
                next.values().removeIf(p -> p.expiresAtMs() <= now);
                return next.isEmpty() ? null : Collections.unmodifiableMap(next);
            });
        }
        return changed;
    }

    void forget(String user) {
        byUser.remove(user);
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return b;
    }
}
