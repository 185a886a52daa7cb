package org.tandem.pbx.voicemail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Voicemail settings ({@code tandem.voicemail.*}); what an admin sets per box lives in the database.
 *
 * @param defaultMaxMessageSeconds a new box's maximum message length (default 180)
 * @param mailRetryInitial         first retry of a failed voicemail e-mail (default 30 s), doubling ...
 * @param mailRetryMax             ... up to this (default 1 h)
 * @param mailMaxAttempts          then the e-mail is marked failed (default 12; the message stays)
 * @param mailPoll                 how often the outbox is looked at for due e-mails (default 10 s)
 * @param mwiMinExpires            shorter message-summary subscriptions get 423 (default 60 s)
 * @param mwiMaxExpires            longer ones are shortened to this (default 3600 s, RFC 3842 §4 default)
 */
@ConfigurationProperties("tandem.voicemail")
public record VoicemailProperties(int defaultMaxMessageSeconds, Duration mailRetryInitial, Duration mailRetryMax,
                                  int mailMaxAttempts, Duration mailPoll, int mwiMinExpires, int mwiMaxExpires) {

    public VoicemailProperties {
        if (defaultMaxMessageSeconds <= 0) defaultMaxMessageSeconds = 180;
        if (mailRetryInitial == null || mailRetryInitial.isZero() || mailRetryInitial.isNegative()) {
            mailRetryInitial = Duration.ofSeconds(30);
        }
        if (mailRetryMax == null || mailRetryMax.compareTo(mailRetryInitial) < 0) {
            mailRetryMax = mailRetryInitial.compareTo(Duration.ofHours(1)) > 0 ? mailRetryInitial : Duration.ofHours(1);
        }
        if (mailMaxAttempts <= 0) mailMaxAttempts = 12;
        if (mailPoll == null || mailPoll.isZero() || mailPoll.isNegative()) mailPoll = Duration.ofSeconds(10);
        if (mwiMinExpires <= 0) mwiMinExpires = 60;
        if (mwiMaxExpires <= 0) mwiMaxExpires = 3600;
        if (mwiMaxExpires < mwiMinExpires) mwiMaxExpires = mwiMinExpires;
    }
}
