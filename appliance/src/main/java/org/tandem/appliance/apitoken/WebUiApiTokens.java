package org.tandem.appliance.apitoken;

import java.util.List;
import org.springframework.stereotype.Component;
import org.tandem.webui.tokens.ApiTokenAdmin;

/** The web UI's API tokens page, through the same service as {@code /api/v1/tokens}. */
@Component
class WebUiApiTokens implements ApiTokenAdmin {

    private final ApiTokens tokens;

    WebUiApiTokens(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public List<Token> tokens() {
        return tokens.list().stream().map(WebUiApiTokens::view).toList();
    }

    @Override
    public Created create(String name, String role, String owner) {
        ApiTokens.Created c = tokens.create(owner, name, role);
        return new Created(view(c.token()), c.secret());
    }

    @Override
    public boolean revoke(String name) {
        return tokens.list().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .map(t -> tokens.revoke(t.id()))
                .orElse(false);
    }

    private static Token view(ApiToken t) {
        return new Token(t.id(), t.name(), t.role().name(), t.owner(), t.createdAt(), t.lastUsedAt());
    }
}
