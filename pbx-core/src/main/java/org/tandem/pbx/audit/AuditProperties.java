package org.tandem.pbx.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * The audit log ({@code tandem.audit.*}).
 *
 * @param keepDays how long an entry is kept, in days; older ones are deleted daily
 */
@ConfigurationProperties("tandem.audit")
public record AuditProperties(@DefaultValue("365") int keepDays) {

    public AuditProperties {
        if (keepDays <= 0) keepDays = PropertyDefaults.of(AuditProperties.class, "keepDays");
    }
}
