package org.tandem.pbx.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Store-and-forward of instant messages ({@code tandem.messaging.*}).
 *
 * @param maxStoredPerUser messages kept for one user with no registered phone; beyond it 480
 * @param keepFor          how long a stored message waits for the user's phone; then dropped
 * @param maxBodyChars     the longest body stored, in characters (at most 4000); longer ones get 413
 * @param expirySweep      how often expired messages are looked for (the first time 5 s after the start); each
 *                         one's sender, when a local user, gets a MESSAGE saying it was not delivered
 * @param historyKeep      how long a message stays in its users' history
 */
@ConfigurationProperties("tandem.messaging")
public record MessagingProperties(
        @DefaultValue("100") int maxStoredPerUser,
        @DefaultValue("7d") Duration keepFor,
        @DefaultValue("4000") int maxBodyChars,
        @DefaultValue("1m") Duration expirySweep,
        @DefaultValue("90d") Duration historyKeep) {

    public MessagingProperties {
        if (maxStoredPerUser <= 0)
            maxStoredPerUser = PropertyDefaults.of(MessagingProperties.class, "maxStoredPerUser");
        if (keepFor == null || keepFor.isZero() || keepFor.isNegative())
            keepFor = PropertyDefaults.of(MessagingProperties.class, "keepFor");
        if (maxBodyChars <= 0 || maxBodyChars > 4000)
            maxBodyChars = PropertyDefaults.of(MessagingProperties.class, "maxBodyChars");
        if (expirySweep == null || expirySweep.isZero() || expirySweep.isNegative())
            expirySweep = PropertyDefaults.of(MessagingProperties.class, "expirySweep");
        if (historyKeep == null || historyKeep.isZero() || historyKeep.isNegative())
            historyKeep = PropertyDefaults.of(MessagingProperties.class, "historyKeep");
    }
}
