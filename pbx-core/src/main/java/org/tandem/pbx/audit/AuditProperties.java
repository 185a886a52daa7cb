package org.tandem.pbx.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit log ({@code tandem.audit.*}).
 *
 * @param keepDays how long an entry is kept (default 365 days); older ones are deleted daily
 */
@ConfigurationProperties("tandem.audit")
public record AuditProperties(int keepDays) {

    public AuditProperties {
        if (keepDays <= 0) keepDays = 365;
    }
}
