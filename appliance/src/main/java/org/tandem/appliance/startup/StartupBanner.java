package org.tandem.appliance.startup;

import java.io.PrintStream;
import java.util.Optional;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.tandem.appliance.admin.InitialAdminAccount;
import org.tandem.appliance.tls.HttpsProperties;
import org.tandem.pbx.config.WebServerPort;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.provisioning.ProvisioningProperties;

/**
 * Once everything has started, makes sure an admin account exists ({@link InitialAdminAccount}) and tells
 * the person who started Tandem where to go: the admin URL, the SIP ports and, on the very first start
 * only, the generated admin password. Printed on standard output rather than logged, so
 * the password reaches the console (and the journal under systemd) but not a log file.
 */
@Component
class StartupBanner {

    private final InitialAdminAccount initialAdmin;
    private final SipTransports sip;
    private final Environment environment;
    private final PrintStream out;
    private final int httpsPort;

    StartupBanner(
            InitialAdminAccount initialAdmin,
            SipTransports sip,
            Environment environment,
            HttpsProperties https,
            ProvisioningProperties provisioning) {
        this.initialAdmin = initialAdmin;
        this.sip = sip;
        this.environment = environment;
        this.out = System.out;
        this.httpsPort = https.port(provisioning);
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        int port =
                event.getApplicationContext() instanceof WebServerApplicationContext web && web.getWebServer() != null
                        ? web.getWebServer().getPort()
                        : WebServerPort.configured(environment);
        String url = "http://" + urlHost() + ":" + port + "/";
        Optional<String> password = initialAdmin.ensureAdmin();
        StringBuilder b = new StringBuilder();
        String rule = "=".repeat(72);
        b.append('\n').append(rule).append('\n');
        b.append("  Tandem is running.\n");
        b.append("  Admin URL:      ").append(url).append('\n');
        b.append("  REST API:       ").append(url).append("api/v1/\n");
        if (httpsPort != 0) {
            // plain HTTP answers only this host and /prov/: from anywhere else the admin comes here
            b.append("  HTTPS:          https://")
                    .append(urlHost())
                    .append(':')
                    .append(httpsPort)
                    .append("/ (UI, API and /prov/ from other machines)\n");
        }
        if (followsHost()) {
            // issue 21: read by the console banner, which then shows the address the machine has at each prompt
            b.append("  Address:        follows this machine's (DHCP, or System > Network)\n");
        }
        b.append("  SIP:            ")
                .append(sip.advertisedHost())
                .append(':')
                .append(sip.properties().port())
                .append(" (UDP, TCP)");
        if (sip.hasTransport("tls"))
            b.append(", ").append(sip.properties().tlsPort()).append(" (TLS)");
        b.append('\n');
        password.ifPresent(p -> {
            b.append("  Admin user:     ").append(InitialAdminAccount.USERNAME).append('\n');
            b.append("  Admin password: ").append(p).append('\n');
            b.append("  This one-time password is shown only now. Note it, then choose your own:\n");
            b.append("    curl -u admin -X PUT -H 'Content-Type: application/json' -d '{\"password\":\"...\"}' ")
                    .append(url)
                    .append("api/v1/account/password\n");
        });
        b.append(rule).append('\n');
        out.print(b);
        out.flush();
    }

    /** True when the addresses above are the machine's of the moment (nothing configured or bound). */
    private boolean followsHost() {
        String address = environment.getProperty("server.address", "");
        return sip.followsHostAddress() && (address.isBlank() || "0.0.0.0".equals(address) || "::".equals(address));
    }

    /** The address a person can reach: the HTTP bind address if one was set, else the SIP advertised host. */
    private String urlHost() {
        String address = environment.getProperty("server.address", "");
        String host =
                address.isBlank() || "0.0.0.0".equals(address) || "::".equals(address) ? sip.advertisedHost() : address;
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
