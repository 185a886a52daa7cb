package org.tandem.pbx.credentials.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt that remembers recent successful checks for a few minutes. The REST API is stateless HTTP Basic (and XCAP
 * clients send Basic with every request), so
 * every call presents the password again; paying 50-100 ms of bcrypt per call would make scripts and
 * the UI crawl. Only successes are remembered, so guessing still pays full bcrypt per try. The cache
 * key is an HMAC (with a key that lives only in this process's memory) of the password and the stored
 * hash: nothing in memory reveals the password, and a password change (new hash) misses the cache.
 */
public final class RememberingPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder bcrypt;
    private final Cache<String, Boolean> verified;
    private final SecretKeySpec key;

    public RememberingPasswordEncoder(PasswordEncoder bcrypt, Duration remember, int maxEntries) {
        this.bcrypt = bcrypt;
        this.verified = Caffeine.newBuilder()
                .expireAfterWrite(remember)
                .maximumSize(maxEntries)
                .build();
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return bcrypt.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null) return false;
        String id = fingerprint(rawPassword, encodedPassword);
        if (verified.getIfPresent(id) != null) return true;
        boolean ok = bcrypt.matches(rawPassword, encodedPassword);
        if (ok) verified.put(id, Boolean.TRUE);
        return ok;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return bcrypt.upgradeEncoding(encodedPassword);
    }

    private String fingerprint(CharSequence raw, String encoded) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(encoded.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(raw.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
