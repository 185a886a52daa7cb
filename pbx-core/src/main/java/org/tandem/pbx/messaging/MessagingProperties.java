package org.tandem.pbx.messaging;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Store-and-forward of instant messages ({@code tandem.messaging.*}).
 *
 * @param maxStoredPerUser messages kept for one user with no registered phone (default 100); beyond it 480
 * @param keepFor          how long a stored message waits for the user's phone (default 7 days); then dropped
 * @param maxBodyChars     the longest body stored (default 4000 characters); longer ones get 413
 * @param expirySweep      how often expired messages are looked for (default 1 min); each one's sender, when a
 *                         local user, gets a MESSAGE saying it was not delivered
 * @param historyKeep      how long a message stays in its users' history (default 90 days)
 */
@ConfigurationProperties("tandem.messaging")
public record MessagingProperties(int maxStoredPerUser, Duration keepFor, int maxBodyChars, Duration expirySweep,
                                  Duration historyKeep) {

    public MessagingProperties {
        if (maxStoredPerUser <= 0) maxStoredPerUser = 100;
        if (keepFor == null || keepFor.isZero() || keepFor.isNegative()) keepFor = Duration.ofDays(7);
        if (maxBodyChars <= 0 || maxBodyChars > 4000) maxBodyChars = 4000;
        if (expirySweep == null || expirySweep.isZero() || expirySweep.isNegative()) expirySweep = Duration.ofMinutes(1);
        if (historyKeep == null || historyKeep.isZero() || historyKeep.isNegative()) historyKeep = Duration.ofDays(90);
    }
}
