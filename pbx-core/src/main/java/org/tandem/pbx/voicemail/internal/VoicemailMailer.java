package org.tandem.pbx.voicemail.internal;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.event.TransactionalEventListener;
import org.tandem.pbx.mail.SmtpMail;
import org.tandem.pbx.mail.SmtpOutcome;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.setup.SetupChanged;
import org.tandem.pbx.setup.SetupSettings;
import org.tandem.pbx.voicemail.VoicemailBox;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailDeposited;
import org.tandem.pbx.voicemail.VoicemailMessage;
import org.tandem.pbx.voicemail.VoicemailProperties;
import org.tandem.pbx.voicemail.VoicemailStore;

/**
 * Works the voicemail e-mail outbox on its own thread ({@code voicemail-mail}): each due e-mail is sent
 * to the box owner with the WAV attached; a refusal for good (5yz, RFC 5321 §4.2.1) marks it FAILED, any
 * other failure is retried with capped exponential back-off until {@code mail-max-attempts}. Only after
 * the server accepted the e-mail is a message of a delete-after-e-mail box deleted, so a failure never
 * loses a message. Failed e-mails are tried again when the SMTP settings change.
 *
 * <p>The outbox is looked at when there is something to send: at the start (what waited through a restart), when a
 * message is deposited or the SMTP settings change, and when the next waiting e-mail is due — at the latest after
 * {@code mail-poll} while any waits (the wall clock its due times are in may jump, e.g. when an appliance without a
 * battery clock synchronises it after boot). An appliance with nothing to send runs no query for it (issue 23: the
 * look every 10 s was an idle appliance's only regular SQL, and its query code reached C2 hours after the start).
 */
public class VoicemailMailer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VoicemailMailer.class);
    private static final int BATCH = 20;

    private final EmailRepository outbox;
    private final VoicemailStore store;
    private final VoicemailBoxes boxes;
    private final ApplianceSetup setup;
    private final SmtpMail mail;
    private final VoicemailProperties props;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    /** The next look at the outbox, when an e-mail waits (the mailer thread's only). */
    private ScheduledFuture<?> nextLook;

    public VoicemailMailer(
            EmailRepository outbox,
            VoicemailStore store,
            VoicemailBoxes boxes,
            ApplianceSetup setup,
            SmtpMail mail,
            VoicemailProperties props,
            Clock clock,
            ScheduledExecutorService thread) {
        this.outbox = outbox;
        this.store = store;
        this.boxes = boxes;
        this.setup = setup;
        this.mail = mail;
        this.props = props;
        this.clock = clock;
        this.thread = thread;
        thread.execute(this::sendDue); // what waited through a restart
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }

    @EventListener
    void onDeposited(VoicemailDeposited deposited) {
        thread.execute(this::sendDue);
    }

    /*
     * After the commit: ApplianceSetup.save publishes inside its transaction, and a mailer thread that read the
     * settings before the commit saw no SMTP server and put the e-mail off by mail-retry-max (the flake of
     * VoicemailEmailIT under load).
     */
    @TransactionalEventListener(fallbackExecution = true)
    void onSetupChanged(SetupChanged changed) {
        thread.execute(() -> {
            int again = outbox.retryAll(clock.millis());
            if (again > 0) log.info("SMTP settings changed: trying {} failed voicemail e-mails again", again);
            sendDue();
        });
    }

    /** Sends what is due now, then plans the next look (on the mailer thread). */
    void sendDue() {
        try {
            List<EmailRow> due = outbox.due(clock.millis(), BATCH);
            for (EmailRow row : due) send(row);
            if (due.size() == BATCH) {
                lookAgainIn(0); // more may be due
            } else {
                outbox.nextDue().ifPresentOrElse(at -> lookAgainIn(at - clock.millis()), this::noLookPlanned);
            }
        } catch (RuntimeException e) {
            log.warn("Voicemail e-mail outbox not worked (tried again in {}): {}", props.mailPoll(), e.toString());
            lookAgainIn(props.mailPoll().toMillis());
        }
    }

    /** The next look in {@code millis}, and at the latest after mail-poll; replaces the one planned before. */
    private void lookAgainIn(long millis) {
        noLookPlanned();
        long delay = Math.max(0, Math.min(millis, props.mailPoll().toMillis()));
        nextLook = thread.schedule(this::sendDue, delay, TimeUnit.MILLISECONDS);
    }

    private void noLookPlanned() {
        if (nextLook != null) nextLook.cancel(false);
        nextLook = null;
    }

    private void send(EmailRow row) {
        Optional<VoicemailMessage> message = store.find(row.messageId());
        Optional<Path> audio = store.audio(row.messageId());
        if (message.isEmpty() || audio.isEmpty()) return; // deleted meanwhile: its e-mail row went with it
        SetupSettings smtp = setup.current();
        long now = clock.millis();
        if (smtp.smtpHost() == null) {
            outbox.record(
                    row.messageId(),
                    EmailRepository.PENDING,
                    row.attempts(),
                    now + props.mailRetryMax().toMillis(),
                    "No SMTP server is set up yet; the e-mail is sent once one is (setup wizard)",
                    now);
            return;
        }
        SmtpOutcome outcome = mail.send(smtp, m -> compose(m, row, message.get(), audio.get(), zone(smtp)));
        int attempts = row.attempts() + 1;
        if (outcome.sent()) {
            outbox.record(row.messageId(), EmailRepository.SENT, attempts, null, outcome.serverAnswer(), now);
            log.info(
                    "Voicemail {} of box {} e-mailed to {}: {}",
                    row.messageId(),
                    message.get().box(),
                    row.recipient(),
                    outcome.serverAnswer());
            boolean deleteAfter = boxes.find(message.get().box())
                    .map(VoicemailBox::deleteAfterEmail)
                    .orElse(false);
            if (deleteAfter) store.delete(row.messageId());
        } else if (outcome.permanent() || attempts >= props.mailMaxAttempts()) {
            outbox.record(row.messageId(), EmailRepository.FAILED, attempts, null, outcome.serverAnswer(), now);
            log.warn(
                    "Voicemail {} could not be e-mailed to {} (the message stays in the box): {}",
                    row.messageId(),
                    row.recipient(),
                    outcome.serverAnswer());
        } else {
            outbox.record(
                    row.messageId(),
                    EmailRepository.PENDING,
                    attempts,
                    now + backOff(attempts).toMillis(),
                    outcome.serverAnswer(),
                    now);
        }
    }

    /** initial, 2 x initial, 4 x initial ... capped at mail-retry-max. */
    Duration backOff(int attempts) {
        Duration d = props.mailRetryInitial();
        for (int i = 1; i < attempts && d.compareTo(props.mailRetryMax()) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(props.mailRetryMax()) > 0 ? props.mailRetryMax() : d;
    }

    private static ZoneId zone(SetupSettings smtp) {
        try {
            return ZoneId.of(smtp.timeZone());
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }

    private static void compose(MimeMessage m, EmailRow row, VoicemailMessage msg, Path audio, ZoneId zone)
            throws MessagingException {
        String from = caller(msg);
        String length = length(msg.duration());
        String when = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
                .withZone(zone)
                .format(msg.receivedAt());
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(row.recipient(), true));
        m.setSubject("New voicemail from " + from + " (" + length + ")", "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(
                "You have a new voicemail in box " + msg.box() + ".\n\n"
                        + "From:     " + from + "\n"
                        + "Received: " + when + " (" + zone.getId() + ")\n"
                        + "Duration: " + length + "\n\n"
                        + "The recording is attached. Dial *97 on your phone to listen to your messages.\n",
                "UTF-8");
        MimeBodyPart wav = new MimeBodyPart();
        wav.setDataHandler(new DataHandler(new FileDataSource(audio.toFile()) {
            @Override
            public String getContentType() {
                return "audio/wav";
            }
        }));
        wav.setFileName("voicemail-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(zone).format(msg.receivedAt()) + ".wav");
        wav.setDisposition(Part.ATTACHMENT);
        m.setContent(new MimeMultipart(text, wav));
    }

    static String caller(VoicemailMessage msg) {
        if (msg.caller() == null) return msg.callerName() == null ? "an unknown caller" : msg.callerName();
        return msg.callerName() == null ? msg.caller() : msg.callerName() + " <" + msg.caller() + ">";
    }

    static String length(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s / 60 + ":" + String.format("%02d", s % 60);
    }
}
