package org.tandem.webui.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;
import org.tandem.pbx.security.BanRegistry;

/**
 * Refuses every browser request from a banned address (after repeated failed logins, on any door: SIP,
 * API or this UI) with a short page that says why and what to do, before any password is checked.
 */
final class BannedBrowserFilter extends OncePerRequestFilter {

    private final ObjectProvider<BanRegistry> bans;

    BannedBrowserFilter(ObjectProvider<BanRegistry> bans) {
        this.bans = bans;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BanRegistry registry = bans.getIfAvailable();
        String address = request.getRemoteAddr();
        if (registry != null && registry.isBanned(address)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("text/html;charset=UTF-8");
            String page = "<!doctype html><title>Tandem: address banned</title><h1>Address banned</h1><p>"
                    + "Your address " + escape(address) + " is banned after repeated failed logins. Wait until "
                    + "the ban expires (15 minutes by default), or ask an administrator to lift it on the "
                    + "Security page.</p>";
            response.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(request, response);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
