package org.tandem.appliance.audit.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.servlet.HandlerInterceptor;
import org.tandem.appliance.audit.ApiAction;
import org.tandem.appliance.audit.ApiActionWording;
import org.tandem.appliance.audit.ApiCaller;
import org.tandem.pbx.audit.AuditChannel;
import org.tandem.pbx.audit.AuditLog;

/**
 * Records every successful (2xx) change made over {@code /api/v1}, once the controller has returned: the services
 * commit their own transactions, so by {@code afterCompletion} the change is durable. Refused requests (401, 403:
 * Spring Security answers them before any handler) and failed ones (4xx, 5xx, an exception) are not changes and
 * are not recorded. Reads (GET, HEAD, OPTIONS) are not recorded. Never throws into the request.
 */
class ApiAuditInterceptor implements HandlerInterceptor {

    static final String STATE_ATTRIBUTE = ApiAuditInterceptor.class.getName() + ".state";
    private static final Logger log = LoggerFactory.getLogger(ApiAuditInterceptor.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AuditLog audit;

    private final SecurityContextHolderStrategy securityContexts;

    ApiAuditInterceptor(AuditLog audit, SecurityContextHolderStrategy securityContexts) {
        this.securityContexts = securityContexts;
        this.audit = audit;
    }

    @Override
    public void afterCompletion(
            HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        try {
            int status = response.getStatus();
            if (ex != null || status < 200 || status > 299 || READS.contains(request.getMethod())) return;
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            if (!path.startsWith("/api/v1/")) return;
            Authentication login = securityContexts.getContext().getAuthentication();
            String who = ApiCaller.of(request, login == null || !login.isAuthenticated() ? null : login.getName());
            if (who == null) return;
            Object state = request.getAttribute(STATE_ATTRIBUTE);
            ApiAction action = ApiActionWording.describe(
                    request.getMethod(), path, response.getHeader("Location"), state instanceof String s ? s : null);
            audit.record(who, AuditChannel.API, action.words(), action.target());
        } catch (RuntimeException e) {
            log.warn("Audit log: {} {} not recorded: {}", request.getMethod(), request.getRequestURI(), e.toString());
        }
    }
}
