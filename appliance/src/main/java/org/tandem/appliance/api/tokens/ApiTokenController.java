package org.tandem.appliance.api.tokens;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.appliance.apitoken.ApiToken;
import org.tandem.appliance.apitoken.ApiTokens;

/**
 * API tokens for scripts: {@code GET /api/v1/tokens} (never the tokens themselves), {@code POST} with
 * {@code {"name":"nightly-backup","role":"OPERATOR"}} (201; the token is in this answer only) and
 * {@code DELETE /api/v1/tokens/{id}} (revoked at once). Creating one needs an ADMIN's password, not a token.
 */
@RestController
@RequestMapping(path = "/api/v1/tokens", produces = "application/json")
public class ApiTokenController {

    public record TokenRequest(String name, String role) {}

    /** The one answer that carries the token. */
    public record CreatedToken(String id, String name, String role, String owner, String token) {}

    private final ApiTokens tokens;

    public ApiTokenController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    public List<ApiToken> list() {
        return tokens.list();
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<CreatedToken> create(Principal principal, @RequestBody TokenRequest request) {
        ApiTokens.Created c = tokens.create(principal.getName(), request.name(), request.role());
        return ResponseEntity.created(URI.create("/api/v1/tokens/" + c.token().id()))
                .body(new CreatedToken(
                        c.token().id(),
                        c.token().name(),
                        c.token().role().name(),
                        c.token().owner(),
                        c.secret()));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> revoke(@PathVariable String id) {
        if (!tokens.revoke(id)) throw new NotFoundException("No API token " + id + "; GET /api/v1/tokens lists them");
        return ResponseEntity.noContent().build();
    }
}
