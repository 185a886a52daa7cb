package org.tandem.pbx.routing;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What a part of this process that originates calls into the proxy (the trunk gateway for inbound
 * calls, later the IVR and other media services) vouches for: the request is ours, needs no digest
 * authentication, and came from this trunk/DID. Carried in the {@value #HEADER} header, signed with
 * {@link org.tandem.pbx.sip.LoopbackSignatures} over the Call-ID; the proxy removes it before
 * forwarding and ignores it (with a log line) when the signature is not ours.
 *
 * @param trunk        the trunk the call came in on, or null
 * @param did          the number the provider delivered the call to, or null
 * @param destination  where to send the call (Destination text form, e.g. {@code ringgroup:600}),
 *                     or null to route the Request-URI's user part through the dial plan
 * @param linkedCallId a call this one continues (a transfer made by the gateway), or null
 * @param onBehalfOf   who asked for this call, for the outbound class of the external numbers it reaches:
 *                     the local extension that transferred it, {@link #NOBODY} (a transfer nobody local asked
 *                     for: no external number), or null when this process vouches for the destination (a DID
 *                     route, a media service's configured target)
 */
public record TrustedOrigin(String trunk, String did, String destination, String linkedCallId, String onBehalfOf) {

    public static final String HEADER = "X-Tandem-Origin";
    /** {@link #onBehalfOf} of a call asked for by nobody this appliance knows. */
    public static final String NOBODY = "-";

    public TrustedOrigin(String trunk, String did, String destination, String linkedCallId) {
        this(trunk, did, destination, linkedCallId, null);
    }

    /** A call asked for by nobody local: it may reach local destinations only. */
    public boolean askedForByNobody() {
        return NOBODY.equals(onBehalfOf);
    }

    /** The local extension on whose behalf this call is placed, or null. */
    public String extensionOnBehalfOf() {
        return onBehalfOf == null || askedForByNobody() ? null : onBehalfOf;
    }

    /** The unsigned header value: {@code trunk=..;did=..;dest=..;link=..}, each URL-encoded. */
    public String encode() {
        StringJoiner j = new StringJoiner(";");
        put(j, "trunk", trunk);
        put(j, "did", did);
        put(j, "dest", destination);
        put(j, "link", linkedCallId);
        put(j, "for", onBehalfOf);
        return j.toString();
    }

    /** Parses an unsigned header value (after the signature was checked). */
    public static Optional<TrustedOrigin> decode(String value) {
        if (value == null) return Optional.empty();
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) continue;
            fields.put(
                    part.substring(0, eq).strip(),
                    URLDecoder.decode(part.substring(eq + 1).strip(), StandardCharsets.UTF_8));
        }
        return Optional.of(new TrustedOrigin(
                fields.get("trunk"), fields.get("did"), fields.get("dest"), fields.get("link"), fields.get("for")));
    }

    private static void put(StringJoiner j, String name, String value) {
        if (value != null) j.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
