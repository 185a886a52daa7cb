package org.tandem.pbx.xcap;

import java.util.List;

/**
 * One service of a user's rls-services document (RFC 4826 §4.1): a SIP URI of the domain that stands for a list of
 * resources, to be watched with one subscription (RFC 4662).
 *
 * @param owner    the user whose document defines it
 * @param uri      the service URI, e.g. {@code sip:201-team@example.com}
 * @param members  the URIs of the list's entries (nested lists included), in document order; those of a
 *                 {@code <resource-list>} reference read from the owner's resource-lists document
 * @param packages the event packages it serves ({@code <packages>}); empty for any
 */
public record RlsService(String owner, String uri, List<String> members, List<String> packages) {

    /** Whether a subscription to {@code event} may use the service (RFC 4826 §4.1: no {@code <packages>}, any). */
    public boolean serves(String event) {
        return packages.isEmpty() || packages.stream().anyMatch(p -> p.equalsIgnoreCase(event));
    }
}
