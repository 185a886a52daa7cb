package org.tandem.webui.tokens;

import java.time.Instant;
import java.util.List;

/**
 * What the API tokens page needs of the tokens (which live in the appliance, as the REST API's
 * {@code /api/v1/tokens} does: dependencies point appliance → webui, so the appliance implements this port with the
 * service the API uses). Never hands out a token's secret but once, in the answer to {@link #create}.
 */
public interface ApiTokenAdmin {

    /** A token as the list shows it: never its secret. {@code lastUsedAt} is null until a script used it. */
    record Token(String id, String name, String role, String owner, Instant createdAt, Instant lastUsedAt) {}

    /** A new token: {@code secret} exists in this answer only (only its hash is stored). */
    record Created(Token token, String secret) {}

    /** Every token, by name. */
    List<Token> tokens();

    /**
     * A new token acting as {@code owner} with at most {@code role}.
     *
     * @throws org.tandem.pbx.validation.InvalidInputException with field {@code name} or {@code role}
     * @throws org.tandem.pbx.validation.DuplicateException    when a token of that name exists
     */
    Created create(String name, String role, String owner);

    /** Revokes the token of that name at once (names are unique). @return false when there is none */
    boolean revoke(String name);
}
