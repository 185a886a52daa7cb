package org.tandem.appliance.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.tandem.appliance.admin.AdminAccounts;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.api.ApiError;
import org.tandem.appliance.apitoken.ApiTokens;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.pbx.credentials.WebCredentials;
import org.tandem.pbx.security.BanRegistry;

/**
 * Who may call what over HTTP. The REST API ({@code /api/v1/**}) and the actuator take HTTP Basic with
 * an admin account (checked, locked and banned by the one store of web passwords, {@link WebCredentials}, as the web
 * UI's logins are: {@link ApiLogins}) or an API token ({@code Authorization: Bearer}, {@link BearerTokenFilter}); OPERATOR
 * accounts may only read. Requests that change something and come from a browser need the {@code X-Tandem-Api}
 * header ({@link ApiCsrfFilter}); an account with its one-time password may only change it
 * ({@link MustChangePasswordFilter}). {@code /actuator/health} is public (load balancers, systemd checks). This chain is ordered first and matches only {@code /api/**} and {@code /actuator/**};
 * everything else (the web UI, the user portal) goes to the web UI's own chain (form login, session,
 * CSRF) in module webui.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    static final String REALM = "Tandem";

    @Bean
    @Order(1)
    SecurityFilterChain apiFilterChain(
            HttpSecurity http,
            JsonErrorWriter errors,
            ObjectProvider<BanRegistry> bans,
            WebCredentials credentials,
            ApiTokens tokens,
            AdminAccounts accounts,
            UploadLimits limits,
            ObjectProvider<SecurityContextHolderStrategy> securityContextStrategies)
            throws Exception {
        // this context's strategy (Vaadin's, a bean), not SecurityContextHolder's static one, which follows the
        // context made last in the JVM: a filter writing there is not read by this chain's authorization
        SecurityContextHolderStrategy securityContexts =
                securityContextStrategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            errors.write(
                    response,
                    HttpServletResponse.SC_UNAUTHORIZED,
                    ApiError.of(
                            "unauthorized",
                            "Missing or wrong credentials: use HTTP Basic with an admin account (the first start "
                                    + "printed the 'admin' password on the console)"));
        };
        AccessDeniedHandler denied = (request, response, e) -> errors.write(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                ApiError.of("forbidden", forbiddenMessage(request.getMethod(), request.getRequestURI())));
        http.securityMatcher("/api/**", "/actuator/**")
                // Stateless: no session cookie. But browsers cache Basic credentials and send them with
                // another site's form POST, so ApiCsrfFilter asks browsers for a custom header instead of a
                // synchronizer token (OWASP CSRF Prevention Cheat Sheet), which scripts could not fetch.
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authenticationManager(new ApiLogins(credentials))
                .httpBasic(b -> b.realmName(REALM).authenticationEntryPoint(unauthenticated))
                .exceptionHandling(
                        x -> x.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
                .addFilterBefore(new BannedAddressFilter(bans, errors), BasicAuthenticationFilter.class)
                .addFilterBefore(new RequestBodyLimitFilter(limits, errors), BasicAuthenticationFilter.class)
                .addFilterBefore(new ApiCsrfFilter(errors), BasicAuthenticationFilter.class)
                .addFilterBefore(
                        new BearerTokenFilter(tokens, bans, errors, securityContexts), BasicAuthenticationFilter.class)
                .addFilterAfter(
                        new MustChangePasswordFilter(accounts, errors, securityContexts),
                        BasicAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // Spring Boot's /error rendering of failures outside MVC (never a stack trace)
                        .dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**")
                        .permitAll()
                        // everyone may see and change their own account (an OPERATOR too)
                        .requestMatchers("/api/v1/account", "/api/v1/account/**")
                        .authenticated()
                        // a backup holds every secret and key: ADMIN only, even to read (the schedule and kept archives
                        // too)
                        .requestMatchers("/api/v1/backup", "/api/v1/backup/**", "/api/v1/restore", "/api/v1/restore/**")
                        .hasRole(AdminRole.ADMIN.name())
                        // a token never makes tokens: a leaked one cannot outlive its own revocation
                        .requestMatchers(HttpMethod.POST, "/api/v1/tokens")
                        .access((login, context) -> {
                            var granted = login.get().getAuthorities().stream()
                                    .map(GrantedAuthority::getAuthority)
                                    .toList();
                            return new AuthorizationDecision(granted.contains("ROLE_" + AdminRole.ADMIN.name())
                                    && !granted.contains(BearerTokenFilter.TOKEN_AUTHORITY));
                        })
                        // call recordings hold what people said: ADMIN only, even to list (issue 18)
                        .requestMatchers(
                                "/api/v1/recordings",
                                "/api/v1/recordings/**",
                                "/api/v1/recording-rules",
                                "/api/v1/recording-rules/**")
                        .hasRole(AdminRole.ADMIN.name())
                        // the operator panel's calls (issue 15): the front desk acts on calls, sees the lines
                        .requestMatchers(HttpMethod.GET, "/api/v1/lines")
                        .hasAnyRole(AdminRole.ADMIN.name(), AdminRole.OPERATOR.name(), AdminRole.RECEPTIONIST.name())
                        .requestMatchers("/api/v1/calls", "/api/v1/calls/**")
                        .hasAnyRole(AdminRole.ADMIN.name(), AdminRole.RECEPTIONIST.name())
                        // the front desk switches the office to night service when it leaves (issue 17)
                        .requestMatchers(HttpMethod.PUT, "/api/v1/time-conditions/*/override")
                        .hasAnyRole(AdminRole.ADMIN.name(), AdminRole.RECEPTIONIST.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/time-conditions/day-night")
                        .hasAnyRole(AdminRole.ADMIN.name(), AdminRole.RECEPTIONIST.name())
                        // the front desk pauses and resumes queue agents (issue 18); the controller lets it do no more
                        .requestMatchers(HttpMethod.GET, "/api/v1/queues/*/agents", "/api/v1/queues/*/agents/*")
                        .hasAnyRole(AdminRole.ADMIN.name(), AdminRole.OPERATOR.name(), AdminRole.RECEPTIONIST.name())
                        .requestMatchers(HttpMethod.PUT, "/api/v1/queues/*/agents/*")
                        .hasAnyRole(AdminRole.ADMIN.name(), AdminRole.RECEPTIONIST.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/**", "/actuator/**")
                        .hasAnyRole(AdminRole.ADMIN.name(), AdminRole.OPERATOR.name())
                        .requestMatchers("/api/v1/**")
                        .hasRole(AdminRole.ADMIN.name())
                        .anyRequest()
                        .denyAll());
        return http.build();
    }

    private static String forbiddenMessage(String method, String uri) {
        if (uri.startsWith("/api/v1/")) {
            return "Your account's role does not allow " + method + " " + uri + " (OPERATOR: read only; "
                    + "RECEPTIONIST: the operator panel's lines and calls, pausing queue agents); it needs an ADMIN account";
        }
        return uri + " is not available: the REST API is under /api/v1";
    }
}
