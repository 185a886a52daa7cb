package org.tandem.pbx.setup;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.security.SecretCipher;
import org.tandem.pbx.setup.internal.SettingsRepository;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The first-run settings: read, checked, saved (database first), announced with {@link SetupChanged}.
 * Until the wizard ran once, {@link #current()} offers the startup values as defaults.
 */
@Service
public class ApplianceSetup {

    private static final Pattern HOST =
            Pattern.compile("(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*"
                    + "|\\[?[0-9A-Fa-f:.]{2,45}]?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final SettingsRepository repository;
    private final SecretCipher cipher;
    private final ApplicationEventPublisher events;
    private final TandemProperties tandem;
    /** The system language, from memory: call flows ask for it on SIP threads. */
    private volatile Language language;

    public ApplianceSetup(
            SettingsRepository repository,
            SecretCipher cipher,
            ApplicationEventPublisher events,
            TandemProperties tandem) {
        this.repository = repository;
        this.cipher = cipher;
        this.events = events;
        this.tandem = tandem;
        this.language = Language.orEnglish(repository.all().get("language"));
    }

    /** The language prompts are spoken in where a user, menu, queue or room has none of its own (English at first). */
    public Language language() {
        return language;
    }

    /** The language of {@code code} (a user's, a menu's...), or the system language for null or blank. */
    public Language languageOr(String code) {
        return code == null || code.isBlank() ? language : Language.orEnglish(code);
    }

    /** True once the wizard was finished. */
    public boolean done() {
        return "true".equals(repository.all().get("setup.done"));
    }

    /** The saved settings, or the startup defaults before the wizard ran. */
    public SetupSettings current() {
        Map<String, String> s = repository.all();
        String smtpPassword =
                Optional.ofNullable(s.get("smtp.password")).map(cipher::decrypt).orElse(null);
        return new SetupSettings(
                s.getOrDefault("sip.domain", tandem.domain()),
                s.getOrDefault("time-zone", ZoneId.systemDefault().getId()),
                s.get("nat.external-host"),
                s.get("smtp.host"),
                Integer.parseInt(s.getOrDefault("smtp.port", "587")),
                s.get("smtp.username"),
                smtpPassword,
                s.get("smtp.from"),
                !"false".equals(s.get("smtp.starttls")),
                "true".equals(s.get("smtp.tls")),
                Language.orEnglish(s.get("language")).code());
    }

    /**
     * Checks and saves the settings and marks the setup done.
     *
     * @throws InvalidInputException naming each bad field (sipDomain, timeZone, externalHost, smtpHost,
     *                               smtpPort, mailFrom)
     */
    @Transactional
    public SetupSettings save(SetupSettings s) {
        SetupSettings clean = check(s);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("sip.domain", clean.sipDomain());
        values.put("time-zone", clean.timeZone());
        values.put("nat.external-host", clean.externalHost());
        values.put("smtp.host", clean.smtpHost());
        values.put("smtp.port", Integer.toString(clean.smtpPort()));
        values.put("smtp.username", clean.smtpUsername());
        values.put("smtp.password", clean.smtpPassword() == null ? null : cipher.encrypt(clean.smtpPassword()));
        values.put("smtp.from", clean.mailFrom());
        values.put("smtp.starttls", Boolean.toString(clean.smtpStartTls()));
        values.put("smtp.tls", Boolean.toString(clean.smtpImplicitTls()));
        Language chosen = clean.language() == null ? language : Language.orEnglish(clean.language());
        values.put("language", chosen.code());
        values.put("setup.done", "true");
        repository.putAll(values, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        language = chosen;
        SetupSettings saved = new SetupSettings(
                clean.sipDomain(),
                clean.timeZone(),
                clean.externalHost(),
                clean.smtpHost(),
                clean.smtpPort(),
                clean.smtpUsername(),
                clean.smtpPassword(),
                clean.mailFrom(),
                clean.smtpStartTls(),
                clean.smtpImplicitTls(),
                chosen.code());
        events.publishEvent(new SetupChanged(saved));
        return saved;
    }

    /** The settings with blanks as null, or every problem at once. */
    public static SetupSettings check(SetupSettings s) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        String domain = blankToNull(s.sipDomain());
        if (domain == null || !HOST.matcher(domain).matches()) {
            errors.put("sipDomain", FieldError.of("setup-wizard.sip-domain"));
        }
        String zone = blankToNull(s.timeZone());
        try {
            if (zone == null) throw new DateTimeException("none");
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.put("timeZone", FieldError.of("common.time-zone"));
        }
        String external = blankToNull(s.externalHost());
        if (external != null && !HOST.matcher(external).matches()) {
            errors.put("externalHost", FieldError.of("setup-wizard.external-host"));
        }
        String smtp = blankToNull(s.smtpHost());
        String from = blankToNull(s.mailFrom());
        if (smtp != null) {
            if (!HOST.matcher(smtp).matches()) errors.put("smtpHost", FieldError.of("common.host"));
            if (s.smtpPort() < 1 || s.smtpPort() > 65535)
                errors.put("smtpPort", FieldError.of("setup-wizard.smtp-port"));
            if (from == null || !EMAIL.matcher(from).matches()) {
                errors.put("mailFrom", FieldError.of("setup-wizard.mail-from"));
            }
        }
        String language = blankToNull(s.language());
        Language.problem(language).ifPresent(p -> errors.put("language", p));
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new SetupSettings(
                domain,
                zone,
                external,
                smtp,
                s.smtpPort(),
                blankToNull(s.smtpUsername()),
                s.smtpPassword() == null || s.smtpPassword().isEmpty() ? null : s.smtpPassword(),
                from,
                s.smtpStartTls(),
                s.smtpImplicitTls(),
                language == null ? null : Language.orEnglish(language).code());
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
