package org.tandem.webui.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.tandem.pbx.credentials.WebCredentials;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.webui.AdminCredentials;
import org.tandem.webui.frame.LoginView;

/**
 * The browser's door: form login with a session (and Vaadin's CSRF protection, the login POST's included:
 * {@link LoginCsrfFilter}), for the admin UI and
 * the user portal. The REST API keeps its own stateless HTTP Basic chain, which the appliance orders
 * before this one; provisioning ({@code /prov/**}) is open here because phones authenticate otherwise.
 * Admin accounts and users are checked by the one store of web passwords ({@link BrowserLogins}, {@link WebCredentials}),
 * which reports failures to the {@link BanRegistry} and locks a login name after too many failed passwords from one
 * source, as for the REST API; a banned address is refused before any password is checked.
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration extends VaadinWebSecurity {

    private final WebCredentials credentials;
    private final ObjectProvider<BanRegistry> bans;
    private final ObjectProvider<AdminCredentials> adminAccounts;

    UiSecurityConfiguration(
            WebCredentials credentials,
            ObjectProvider<BanRegistry> bans,
            ObjectProvider<AdminCredentials> adminAccounts) {
        this.credentials = credentials;
        this.bans = bans;
        this.adminAccounts = adminAccounts;
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/prov/**").permitAll());
        http.csrf(c -> c.ignoringRequestMatchers("/prov/**"));
        super.configure(http);
        setLoginView(http, LoginView.class, "/login");
        http.authenticationManager(new BrowserLogins(credentials));
        // portal users land in the portal, admins where they were going (or the dashboard)
        http.formLogin(f -> f.successHandler(new LandingPage()));
        http.addFilterBefore(new BannedBrowserFilter(bans), UsernamePasswordAuthenticationFilter.class);
        // setLoginView exempts the login POST from CSRF checks; the form sends the token, so check it here
        http.addFilterBefore(new LoginCsrfFilter("/login"), UsernamePasswordAuthenticationFilter.class);
        // this context's strategy, not the static one: that is the last context's made in this JVM (Vaadin sets it)
        SecurityContextHolderStrategy securityContexts = http.getSharedObject(ApplicationContext.class)
                .getBeanProvider(SecurityContextHolderStrategy.class)
                .getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        http.addFilterAfter(new PortalHome(securityContexts), AnonymousAuthenticationFilter.class);
        AdminCredentials accounts = adminAccounts.getIfAvailable();
        if (accounts != null)
            http.addFilterAfter(
                    new DeletedAccountFilter(accounts, securityContexts), AnonymousAuthenticationFilter.class);
    }
}
