package org.tandem.appliance.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tandem.appliance.api.ApiError;
import org.tandem.pbx.security.BanRegistry;

/**
 * Refuses (403) every request from an address the {@link BanRegistry} has banned, before any password
 * is checked, so a banned guesser cannot go on guessing over HTTP. Health stays open: monitoring must
 * not go blind because its address once mistyped a password.
 */
class BannedAddressFilter extends OncePerRequestFilter {

    private final ObjectProvider<BanRegistry> bans;
    private final JsonErrorWriter errors;

    BannedAddressFilter(ObjectProvider<BanRegistry> bans, JsonErrorWriter errors) {
        this.bans = bans;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BanRegistry registry = bans.getIfAvailable();
        String address = request.getRemoteAddr();
        if (registry != null && registry.isBanned(address)) {
            errors.write(
                    response,
                    HttpServletResponse.SC_FORBIDDEN,
                    ApiError.of(
                            "banned",
                            "Address " + address + " is banned after repeated failed logins. Wait until the ban "
                                    + "expires, or ask an admin to lift it from another address: DELETE /api/v1/bans/"
                                    + address));
            return;
        }
        chain.doFilter(request, response);
    }
}
