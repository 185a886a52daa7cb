package org.tandem.appliance.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Admin account settings ({@code tandem.admin.*}).
 *
 * @param initialPassword password of the first {@code admin} account, used only when no admin account
 *                        exists yet; empty = generate a one-time password and print it on the console
 */
@ConfigurationProperties("tandem.admin")
public record AdminProperties(String initialPassword) {

    public AdminProperties {
        if (initialPassword == null) initialPassword = "";
    }
}
