package org.tandem.provisioning.softphone;

import java.util.Optional;
import org.springframework.stereotype.Service;
import org.tandem.pbx.auth.DigestAlgorithm;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.welcome.SoftphoneLinks;
import org.tandem.pbx.welcome.SoftphoneSetup;
import org.tandem.provisioning.render.DeviceConfigs;
import org.tandem.provisioning.serving.ProvisioningService;

/**
 * Sets up Linphone (mobile and desktop) from a QR code (issue 17): the code holds a one-time address under {@code
 * /prov/linphone/} ({@link SoftphoneLinks}); Linphone's remote provisioning fetches its account from it ({@link
 * LinphoneConfig}: the digest HA1, never the SIP password), pointed at the same SIP server, port and transport as the
 * desk phones ({@link ProvisioningService#endpoint}). The first fetch uses the address up; an unknown, used or expired
 * one gets the same 404 as any file the appliance does not have (no telling whose it was), and counts as a failed
 * login of its source ({@link BanRegistry}), like a wrong per-device URL.
 */
@Service
public class LinphoneSetup implements SoftphoneSetup {

    /** Under the provisioning base ({@code /prov/}): where the setup addresses live. */
    public static final String PATH = "linphone/";

    private final SoftphoneLinks links;
    private final UserDirectory users;
    private final SipDomain domain;
    private final ProvisioningService provisioning;
    private final BanRegistry bans;

    public LinphoneSetup(
            SoftphoneLinks links,
            UserDirectory users,
            SipDomain domain,
            ProvisioningService provisioning,
            BanRegistry bans) {
        this.links = links;
        this.users = users;
        this.domain = domain;
        this.provisioning = provisioning;
        this.bans = bans;
    }

    @Override
    public String setupUrl(String extension, String webBase) {
        String base = webBase.endsWith("/") ? webBase : webBase + "/";
        // the address phones reach /prov/ at (tandem.provisioning.base-url when set), as for the desk phones
        return provisioning.endpoint(base + "prov/").provisioningBase() + PATH + links.issue(extension);
    }

    @Override
    public String appName() {
        return "Linphone";
    }

    /**
     * The configuration a setup address gives, once; empty (and a failure of {@code source}) when the address is
     * unknown, used or expired, or its user has gone.
     *
     * @param provisioningBase this request's {@code /prov/} address, ending in '/'
     */
    public Optional<String> fetch(String token, String source, String provisioningBase) {
        Optional<String> extension = links.consume(token);
        Optional<User> user = extension.flatMap(users::find);
        Optional<String> secret = extension.flatMap(users::sipSecret);
        if (user.isEmpty() || secret.isEmpty()) {
            bans.recordFailure(source, "provisioning: unknown softphone setup address");
            return Optional.empty();
        }
        DeviceConfigs.Endpoint endpoint = provisioning.endpoint(provisioningBase);
        String realm = domain.current(); // the registrar's digest realm (RFC 3261 §22.1: the SIP domain)
        String name = user.get().extension();
        return Optional.of(LinphoneConfig.xml(new LinphoneConfig.Account(
                user.get().displayName(),
                name,
                endpoint.domain(),
                endpoint.sipServer(),
                endpoint.sipPort(),
                endpoint.sipTransport(),
                realm,
                DigestAlgorithm.MD5.ha1(name, realm, secret.get()))));
    }
}
