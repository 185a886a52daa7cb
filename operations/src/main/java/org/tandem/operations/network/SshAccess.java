package org.tandem.operations.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SSH switch of the Network page (issue 21, items 4 and 9): on, the root helper starts and enables sshd and opens
 * TCP 22 in the appliance's nftables policy; off (the default), it closes the port and stops sshd and its socket. The
 * request goes through the network spool (its {@code ssh} file, {@code on} or {@code off}); the switch is kept in the
 * spool's {@code ssh-access} file, beside the saved network settings, and the helper's outcome read from
 * {@code ssh-status}. Where openssh-server is not installed (a .deb on a plain Debian) SSH is the system admin's
 * business: nothing is requested.
 */
public class SshAccess {

    private static final String SAVED = "ssh-access";

    private final NetworkSetup network;

    public SshAccess(NetworkSetup network) {
        this.network = network;
    }

    public synchronized SshState now() {
        return new SshState(network.managed(), network.sshInstalled(), saved(), network.report("ssh-status"));
    }

    /**
     * Switches SSH on or off. @throws NetworkChangeRefused where the operating system manages the machine or
     * openssh-server is not installed
     */
    public synchronized SshState switchTo(boolean on) {
        if (!network.managed()) {
            throw new NetworkChangeRefused("SSH on this machine is managed by its operating system (Tandem was not"
                    + " installed from its .deb or ISO); switch it there");
        }
        if (!network.sshInstalled()) {
            throw new NetworkChangeRefused("openssh-server is not installed on this machine, so Tandem leaves SSH to"
                    + " its administrator: install it (apt install openssh-server) to switch SSH here");
        }
        String value = on ? "on" : "off";
        try {
            network.write(SAVED, value + "\n"); // the spool's unit does not watch this name: kept, not applied
            network.write("ssh", value + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot hand the SSH switch to the system: " + e.getMessage(), e);
        }
        return now();
    }

    private boolean saved() {
        Path file = network.spoolFile(SAVED);
        try {
            return file != null
                    && Files.isRegularFile(file)
                    && "on"
                            .equals(Files.readString(file, StandardCharsets.UTF_8)
                                    .strip());
        } catch (IOException e) {
            return false;
        }
    }
}
