package org.tandem.pbx.trunk;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Trunk settings ({@code tandem.trunk.*}).
 *
 * @param emergencyNumbers   always allowed, whatever the caller's permission class, and routed first
 * @param defaultPermission  permission class of users without their own setting
 * @param providerTimeout    no answer at all (not even 100) from a provider within this: next trunk
 * @param retryInitial       first wait after a failed registration; doubles per failure ...
 * @param retryMax           ... up to this
 */
@ConfigurationProperties("tandem.trunk")
public record TrunkProperties(
        @DefaultValue({"112", "911", "999"}) List<String> emergencyNumbers,
        @DefaultValue("national") String defaultPermission,
        @DefaultValue("8s") Duration providerTimeout,
        @DefaultValue("30s") Duration retryInitial,
        @DefaultValue("30m") Duration retryMax) {

    public TrunkProperties {
        if (emergencyNumbers == null) emergencyNumbers = PropertyDefaults.of(TrunkProperties.class, "emergencyNumbers");
        emergencyNumbers = List.copyOf(emergencyNumbers);
        if (defaultPermission == null || defaultPermission.isBlank())
            defaultPermission = PropertyDefaults.of(TrunkProperties.class, "defaultPermission");
        if (providerTimeout == null) providerTimeout = PropertyDefaults.of(TrunkProperties.class, "providerTimeout");
        if (retryInitial == null) retryInitial = PropertyDefaults.of(TrunkProperties.class, "retryInitial");
        if (retryMax == null) retryMax = PropertyDefaults.of(TrunkProperties.class, "retryMax");
    }
}
