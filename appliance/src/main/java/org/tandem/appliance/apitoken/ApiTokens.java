package org.tandem.appliance.apitoken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.tandem.appliance.admin.AdminAccount;
import org.tandem.appliance.admin.AdminAccounts;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.apitoken.internal.ApiTokenRepository;
import org.tandem.appliance.apitoken.internal.ApiTokenRepository.Row;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Bearer tokens for scripts ({@code Authorization: Bearer tdm_...}, RFC 6750 §2.1). A browser never sends one
 * by itself, so calls made with a token cannot be forged by another site's page (issue 22, finding 6). A token
 * is 256 random bits (OWASP ASVS 4.0.3 V3.2.2), shown once; only its SHA-256 is stored.
 */
@Service
public class ApiTokens {

    public static final String PREFIX = "tdm_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,63}");
    private static final Pattern TOKEN = Pattern.compile(PREFIX + "[A-Za-z0-9_-]{43}");

    /** A new token: the secret {@code token} exists only in this answer. */
    public record Created(ApiToken token, String secret) {}

    /** Who a valid token acts as. */
    public record Bearer(ApiToken token, AdminAccount owner) {}

    private final ApiTokenRepository repository;
    private final AdminAccounts accounts;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(ApiTokenRepository repository, AdminAccounts accounts) {
        this.repository = repository;
        this.accounts = accounts;
    }

    /**
     * @param role null = the owner's role; never more than the owner's (an OPERATOR's token cannot change things)
     * @throws InvalidInputException on a bad name or a role above the owner's
     * @throws DuplicateException    when a token of that name exists
     */
    public Created create(String owner, String name, String role) {
        AdminAccount account =
                accounts.find(owner).orElseThrow(() -> new InvalidInputException("owner", "token.no-owner", owner));
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "token.name");
        }
        AdminRole granted = account.role();
        if (role != null) {
            try {
                granted = AdminRole.valueOf(role.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("role", "admin.role");
            }
            // only an ADMIN hands out another role; anyone else's token has the owner's own
            if (granted != account.role() && account.role() != AdminRole.ADMIN) {
                throw new InvalidInputException("role", "token.role-above-own", account.role());
            }
        }
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        Row row = new Row(
                UUID.randomUUID().toString(),
                name,
                hash(secret),
                granted.name(),
                owner,
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                null);
        try {
            repository.insert(row);
        } catch (DuplicateKeyException e) {
            throw new DuplicateException("duplicate.api-token", name);
        }
        return new Created(view(row), secret);
    }

    public List<ApiToken> list() {
        return repository.findAll().stream().map(ApiTokens::view).toList();
    }

    /** @return false when there is no such token */
    public boolean revoke(String id) {
        return repository.delete(id) > 0;
    }

    /**
     * The token's identity, when {@code secret} is a live token whose owner still exists. The role is the
     * token's, lowered to the owner's current one (an ADMIN later made OPERATOR takes their tokens down too).
     */
    public Optional<Bearer> authenticate(String secret) {
        if (secret == null || !TOKEN.matcher(secret).matches()) return Optional.empty();
        Optional<Row> row = repository.findByHash(hash(secret));
        if (row.isEmpty()) return Optional.empty();
        Optional<AdminAccount> owner = accounts.find(row.get().owner());
        if (owner.isEmpty()) return Optional.empty();
        repository.touch(row.get().id(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
        ApiToken token = view(row.get());
        if (owner.get().role() != AdminRole.ADMIN && token.role() != owner.get().role()) {
            token = new ApiToken(
                    token.id(), token.name(), owner.get().role(), token.owner(), token.createdAt(), token.lastUsedAt());
        }
        return Optional.of(new Bearer(token, owner.get()));
    }

    static String hash(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ApiToken view(Row r) {
        return new ApiToken(r.id(), r.name(), AdminRole.valueOf(r.role()), r.owner(), r.createdAt(), r.lastUsedAt());
    }
}
