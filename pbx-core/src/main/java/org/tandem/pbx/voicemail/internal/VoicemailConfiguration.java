package org.tandem.pbx.voicemail.internal;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.mail.SmtpMail;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailProperties;
import org.tandem.pbx.voicemail.VoicemailStore;

/** Voicemail settings ({@code tandem.voicemail.*}) and the e-mail outbox worker on its own named thread. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VoicemailProperties.class)
class VoicemailConfiguration {

    /** On one thread of its own: SMTP is slow and blocking, and e-mails go out one after another. */
    @Bean(destroyMethod = "close")
    VoicemailMailer voicemailMailer(
            EmailRepository outbox,
            VoicemailStore store,
            VoicemailBoxes boxes,
            ApplianceSetup setup,
            SmtpMail mail,
            VoicemailProperties props,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock,
            Workers workers) {
        ScheduledExecutorService thread = workers.timer("voicemail-mail");
        return new VoicemailMailer(
                outbox, store, boxes, setup, mail, props, clock.getIfAvailable(Clock::systemUTC), thread);
    }
}
