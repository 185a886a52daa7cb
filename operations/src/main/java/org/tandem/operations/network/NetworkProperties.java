package org.tandem.operations.network;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * {@code tandem.network.*} (issue 21).
 *
 * @param applyDir      where Tandem writes requests for the root helper ({@code /usr/lib/tandem/network-apply}, run by
 *                      {@code tandem-network.path}); the .deb's unit sets {@code /var/lib/tandem/network}, its postinst
 *                      makes it. Empty or missing: the operating system manages the network, the page only shows it
 * @param statusFile    what the helper reports
 * @param confirmWithin a static address change is rolled back unless confirmed from the new address within this time
 * @param sshUnit       openssh-server's unit file: where it is missing, SSH access is not Tandem's to switch
 */
@ConfigurationProperties("tandem.network")
public record NetworkProperties(
        Path applyDir,
        @DefaultValue("/var/lib/tandem-network/status") Path statusFile,
        @DefaultValue("2m") Duration confirmWithin,
        @DefaultValue("/lib/systemd/system/ssh.service") Path sshUnit) {

    public NetworkProperties {
        if (applyDir != null && applyDir.toString().isBlank()) applyDir = null;
        if (statusFile == null || statusFile.toString().isBlank())
            statusFile = PropertyDefaults.of(NetworkProperties.class, "statusFile");
        if (confirmWithin == null) confirmWithin = PropertyDefaults.of(NetworkProperties.class, "confirmWithin");
        if (sshUnit == null || sshUnit.toString().isBlank())
            sshUnit = PropertyDefaults.of(NetworkProperties.class, "sshUnit");
    }
}
