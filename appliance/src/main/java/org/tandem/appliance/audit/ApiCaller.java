package org.tandem.appliance.audit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who made an API request, as the audit log names them: the admin account ({@code admin}), or for a bearer token
 * {@code token <name> of <owner>} (the login is the owner's, so the token's name has to be noted where the token
 * is checked).
 */
public final class ApiCaller {

    /** Request attribute set by the bearer token filter. */
    public static final String TOKEN_ATTRIBUTE = ApiCaller.class.getName() + ".token";

    private ApiCaller() {}

    public static void noteToken(HttpServletRequest request, String tokenName, String owner) {
        request.setAttribute(TOKEN_ATTRIBUTE, "token " + tokenName + " of " + owner);
    }

    /** The caller in words, or null when the request was not authenticated. */
    public static String of(HttpServletRequest request, String loginName) {
        Object token = request.getAttribute(TOKEN_ATTRIBUTE);
        if (token instanceof String t) return t;
        return loginName;
    }
}
