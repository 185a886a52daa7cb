package org.tandem.pbx.proxy.internal;

import gov.nist.javax.sip.stack.HopImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sip.SipException;
import javax.sip.address.Hop;
import javax.sip.address.SipURI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.tandem.pbx.sip.InboundRequest;

/**
 * The flow a dialog-creating request came in on (source address, port, transport), kept in our
 * Record-Route as a {@code flow} parameter, in the spirit of RFC 5626 §5.3 flow tokens. A request
 * later routed through that Record-Route towards the caller goes back over the same flow — through
 * the caller's NAT binding or on its TCP/TLS connection — even when the caller is not registered or
 * its Contact holds a private address. Requests arriving on that flow go the other way and ignore it.
 *
 * <p>The token is signed (HMAC-SHA256 over the flow and the Call-ID, with a key kept in the data
 * directory so it survives restarts): an in-dialog request is only relayed when it carries a Route
 * we really inserted into that very dialog, so a forged {@code Route} and To tag do not turn the
 * proxy into an open relay.
 */
public final class FlowTokens {

    static final String PARAM = "flow";
    private static final int MAC_BYTES = 12;

    private final byte[] key;

    FlowTokens(byte[] key) {
        this.key = key.clone();
    }

    /** The key in {@code file}, created (32 random bytes, owner-only) when missing. Startup only. */
    public static FlowTokens withKeyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
                Files.write(tmp, fresh);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < 16) throw new IllegalStateException(file + " is too short to be a key; delete it");
            return new FlowTokens(key);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the route key " + file, e);
        }
    }

    String encode(InboundRequest inbound, String callId) {
        String raw = inbound.transport().toLowerCase(Locale.ROOT) + "|" + inbound.sourceAddress() + "|" + inbound.sourcePort();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(raw.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(mac(raw, callId));
    }

    /** @return the flow in {@code token}, or null when it is absent, malformed, or not signed by us for this call */
    Hop decode(String token, String callId) {
        if (token == null || token.isEmpty()) return null;
        int dot = token.indexOf('.');
        if (dot <= 0) return null;
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            String raw = new String(b64.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(mac(raw, callId), b64.decode(token.substring(dot + 1)))) return null;
            String[] parts = raw.split("\\|");
            if (parts.length != 3) return null;
            int port = Integer.parseInt(parts[2]);
            if (port <= 0 || port > 65535) return null;
            return new HopImpl(parts[1], port, parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** True when one of the Routes we removed is a Record-Route this proxy inserted for this call. */
    boolean vouchesFor(List<SipURI> popped, String callId) {
        for (SipURI route : popped) {
            if (decode(route.getParameter(PARAM), callId) != null) return true;
        }
        return false;
    }

    /**
     * §16.6 step 7 for a request routed through our Record-Route: towards the flow recorded in the
     * Routes we popped when the request did not come from that flow; else the normal next hop.
     */
    Hop hopFor(List<SipURI> popped, Request copy, InboundRequest inbound, String callId, Forwarder forwarder)
            throws SipException {
        if (copy.getHeader(RouteHeader.NAME) == null) {
            for (SipURI route : popped) {
                Hop flow = decode(route.getParameter(PARAM), callId);
                // a flow from ourselves was a spiral's: the caller's own flow is further down
                if (flow != null && !isSame(flow, inbound) && !forwarder.routes.isUs(flow)) return flow;
            }
        }
        return forwarder.nextHop(copy);
    }

    private byte[] mac(String raw, String callId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(raw.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update((callId == null ? "" : callId).getBytes(StandardCharsets.UTF_8));
            byte[] full = mac.doFinal();
            return java.util.Arrays.copyOf(full, MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isSame(Hop flow, InboundRequest inbound) {
        return flow.getPort() == inbound.sourcePort() && flow.getHost().equals(inbound.sourceAddress())
                && flow.getTransport().equalsIgnoreCase(inbound.transport());
    }
}
