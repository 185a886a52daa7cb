package org.tandem.webui.security;

import com.vaadin.flow.spring.security.VaadinWebSecurity;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.tandem.pbx.directory.WebPasswords;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.webui.frame.LoginView;

/**
 * The browser's door: form login with a session (and Vaadin's CSRF protection, the login POST's included:
 * {@link LoginCsrfFilter}), for the admin UI and
 * the user portal. The REST API keeps its own stateless HTTP Basic chain, which the appliance orders
 * before this one; provisioning ({@code /prov/**}) is open here because phones authenticate otherwise.
 * Failed logins raise Spring Security's failure event, which the appliance reports to the
 * {@link BanRegistry}; a banned address is refused before any password is checked, and a login name with
 * too many failed passwords is locked ({@link AccountLockoutGuard}).
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration extends VaadinWebSecurity {

    private final UserDetailsService admins;
    private final PasswordEncoder adminPasswords;
    private final ObjectProvider<AuthenticationEventPublisher> events;
    private final ObjectProvider<BanRegistry> bans;
    private final WebPasswords webPasswords;
    private final AccountLockouts lockouts;
    private final ObjectProvider<org.tandem.webui.AdminCredentials> adminAccounts;

    UiSecurityConfiguration(UserDetailsService admins, PasswordEncoder adminPasswords,
                            ObjectProvider<AuthenticationEventPublisher> events, ObjectProvider<BanRegistry> bans,
                            WebPasswords webPasswords, AccountLockouts lockouts,
                            ObjectProvider<org.tandem.webui.AdminCredentials> adminAccounts) {
        this.lockouts = lockouts;
        this.adminAccounts = adminAccounts;
        this.admins = admins;
        this.adminPasswords = adminPasswords;
        this.events = events;
        this.bans = bans;
        this.webPasswords = webPasswords;
    }

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers("/prov/**").permitAll());
        http.csrf(c -> c.ignoringRequestMatchers("/prov/**"));
        super.configure(http);
        setLoginView(http, LoginView.class, "/login");
        http.authenticationManager(authenticationManager());
        // portal users land in the portal, admins where they were going (or the dashboard)
        http.formLogin(f -> f.successHandler(new LandingPage()));
        http.addFilterBefore(new BannedBrowserFilter(bans), UsernamePasswordAuthenticationFilter.class);
        // setLoginView exempts the login POST from CSRF checks; the form sends the token, so check it here
        http.addFilterBefore(new LoginCsrfFilter("/login"), UsernamePasswordAuthenticationFilter.class);
        http.addFilterAfter(new PortalHome(), AnonymousAuthenticationFilter.class);
        org.tandem.webui.AdminCredentials accounts = adminAccounts.getIfAvailable();
        if (accounts != null) http.addFilterAfter(new DeletedAccountFilter(accounts), AnonymousAuthenticationFilter.class);
    }

    private AuthenticationManager authenticationManager() {
        DaoAuthenticationProvider adminLogins = new DaoAuthenticationProvider(admins);
        adminLogins.setPasswordEncoder(adminPasswords);
        ProviderManager manager = new ProviderManager(List.<AuthenticationProvider>of(adminLogins, new PortalLogins(webPasswords)));
        AuthenticationEventPublisher publisher = events.getIfAvailable();
        if (publisher != null) manager.setAuthenticationEventPublisher(publisher);
        return new AccountLockoutGuard(manager, lockouts);
    }
}
