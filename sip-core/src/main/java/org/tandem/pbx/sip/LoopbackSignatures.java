package org.tandem.pbx.sip;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs what one part of this process tells another inside a SIP request it sends to itself (the
 * proxy to the trunk gateway, the gateway to the proxy): a header value gets {@code ;sig=} with an
 * HMAC-SHA256 over the value and the Call-ID. Anything arriving from outside with such a header and
 * no valid signature is an attempt to pass for us (toll fraud), and is not believed.
 */
public final class LoopbackSignatures {

    private static final String SIG = ";sig=";
    private static final int MAC_BYTES = 16;

    private final byte[] key;

    public LoopbackSignatures(byte[] key) {
        this.key = key.clone();
    }

    /** {@code payload;sig=...}, valid for this Call-ID only. {@code payload} must not contain {@code ;sig=}. */
    public String sign(String callId, String payload) {
        if (payload.contains(SIG)) throw new IllegalArgumentException("payload must not contain ;sig=");
        return payload + SIG + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(callId, payload));
    }

    /** The payload of {@code signed} when its signature is ours for {@code callId}; empty otherwise. */
    public Optional<String> verify(String callId, String signed) {
        if (signed == null || callId == null) return Optional.empty();
        int at = signed.lastIndexOf(SIG);
        if (at < 0) return Optional.empty();
        String payload = signed.substring(0, at);
        byte[] given;
        try {
            given = Base64.getUrlDecoder()
                    .decode(signed.substring(at + SIG.length()).strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(given, mac(callId, payload)) ? Optional.of(payload) : Optional.empty();
    }

    private byte[] mac(String callId, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(callId.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] full = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(full, MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
