package org.tandem.pbx.trunk.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What the outbound router tells the trunk gateway, in the {@value #HEADER} header of the INVITE the
 * proxy spirals to the gateway: which trunks to try in order, the number as the provider gets it, and
 * the caller ID to present. Signed over the Call-ID ({@link org.tandem.pbx.sip.LoopbackSignatures}):
 * whoever can set this header decides which trunk pays for a call.
 *
 * @param callerExtension the local extension behind the call, or null
 */
record OutboundOrder(List<String> trunks, String number, String callerId, String callerName, String callerExtension) {

    static final String HEADER = "X-Tandem-Trunk-Call";

    String encode() {
        StringJoiner j = new StringJoiner(";");
        put(j, "trunks", String.join(",", trunks));
        put(j, "number", number);
        put(j, "cid", callerId);
        put(j, "name", callerName);
        put(j, "ext", callerExtension);
        return j.toString();
    }

    static OutboundOrder decode(String value) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String part : value.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) f.put(part.substring(0, eq), URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        String trunks = f.getOrDefault("trunks", "");
        return new OutboundOrder(
                trunks.isEmpty() ? List.of() : Arrays.asList(trunks.split(",")),
                f.get("number"),
                f.get("cid"),
                f.get("name"),
                f.get("ext"));
    }

    private static void put(StringJoiner j, String name, String value) {
        if (value != null) j.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
