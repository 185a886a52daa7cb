package org.tandem.pbx.voicemail;

import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.tandem.pbx.voicemail.internal.EmailRepository;

/** The e-mail status of messages (the outbox is worked by the voicemail mailer). */
@Service
public class VoicemailEmails {

    private final EmailRepository repository;

    public VoicemailEmails(EmailRepository repository) {
        this.repository = repository;
    }

    /** Empty when the message has no e-mail (its box does not e-mail, or its owner has no address). */
    public Optional<EmailStatus> status(String messageId) {
        return repository
                .find(messageId)
                .map(r -> new EmailStatus(
                        r.recipient(),
                        r.status(),
                        r.attempts(),
                        r.nextTryMs() == null ? null : Instant.ofEpochMilli(r.nextTryMs()),
                        r.lastAnswer(),
                        Instant.ofEpochMilli(r.updatedMs())));
    }
}
