package org.tandem.pbx.trunk;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Trunk settings ({@code tandem.trunk.*}); defaults documented in appliance's application.yml.
 *
 * @param emergencyNumbers   always allowed, whatever the caller's permission class, and routed first
 * @param defaultPermission  permission class of users without their own setting
 * @param providerTimeout    no answer at all (not even 100) from a provider within this: next trunk
 * @param retryInitial       first wait after a failed registration; doubles per failure ...
 * @param retryMax           ... up to this
 */
@ConfigurationProperties("tandem.trunk")
public record TrunkProperties(List<String> emergencyNumbers, String defaultPermission, Duration providerTimeout,
                              Duration retryInitial, Duration retryMax) {

    public TrunkProperties {
        if (emergencyNumbers == null) emergencyNumbers = List.of("112", "911", "999");
        emergencyNumbers = List.copyOf(emergencyNumbers);
        if (defaultPermission == null || defaultPermission.isBlank()) defaultPermission = "national";
        if (providerTimeout == null) providerTimeout = Duration.ofSeconds(8);
        if (retryInitial == null) retryInitial = Duration.ofSeconds(30);
        if (retryMax == null) retryMax = Duration.ofMinutes(30);
    }
}
