package org.tandem.pbx.voicemail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Voicemail settings ({@code tandem.voicemail.*}); what an admin sets per box lives in the database.
 *
 * @param defaultMaxMessageSeconds a new box's maximum message length, in seconds
 * @param mailRetryInitial         first retry of a failed voicemail e-mail, doubling ...
 * @param mailRetryMax             ... up to this
 * @param mailMaxAttempts          then the e-mail is marked failed (the message stays)
 * @param mailPoll                 the longest the outbox goes unlooked-at while an e-mail waits (it is looked at when
 *                                 a message comes, when the SMTP settings change and when a retry is due; with
 *                                 nothing waiting, not at all)
 * @param mwiMinExpires            shorter message-summary subscriptions get 423, in seconds
 * @param mwiMaxExpires            longer ones are shortened to this (3600 s: RFC 3842 §4's default)
 */
@ConfigurationProperties("tandem.voicemail")
public record VoicemailProperties(
        @DefaultValue("180") int defaultMaxMessageSeconds,
        @DefaultValue("30s") Duration mailRetryInitial,
        @DefaultValue("1h") Duration mailRetryMax,
        @DefaultValue("12") int mailMaxAttempts,
        @DefaultValue("10s") Duration mailPoll,
        @DefaultValue("60") int mwiMinExpires,
        @DefaultValue("3600") int mwiMaxExpires) {

    public VoicemailProperties {
        if (defaultMaxMessageSeconds <= 0)
            defaultMaxMessageSeconds = PropertyDefaults.of(VoicemailProperties.class, "defaultMaxMessageSeconds");
        if (mailRetryInitial == null || mailRetryInitial.isZero() || mailRetryInitial.isNegative()) {
            mailRetryInitial = PropertyDefaults.of(VoicemailProperties.class, "mailRetryInitial");
        }
        if (mailRetryMax == null || mailRetryMax.compareTo(mailRetryInitial) < 0) {
            Duration byDefault = PropertyDefaults.of(VoicemailProperties.class, "mailRetryMax");
            mailRetryMax = mailRetryInitial.compareTo(byDefault) > 0 ? mailRetryInitial : byDefault;
        }
        if (mailMaxAttempts <= 0) mailMaxAttempts = PropertyDefaults.of(VoicemailProperties.class, "mailMaxAttempts");
        if (mailPoll == null || mailPoll.isZero() || mailPoll.isNegative())
            mailPoll = PropertyDefaults.of(VoicemailProperties.class, "mailPoll");
        if (mwiMinExpires <= 0) mwiMinExpires = PropertyDefaults.of(VoicemailProperties.class, "mwiMinExpires");
        if (mwiMaxExpires <= 0) mwiMaxExpires = PropertyDefaults.of(VoicemailProperties.class, "mwiMaxExpires");
        if (mwiMaxExpires < mwiMinExpires) mwiMaxExpires = mwiMinExpires;
    }
}
