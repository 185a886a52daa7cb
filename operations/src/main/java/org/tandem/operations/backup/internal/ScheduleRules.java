package org.tandem.operations.backup.internal;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.tandem.operations.backup.BackupScheduleDraft;
import org.tandem.operations.backup.Backups;
import org.tandem.pbx.security.SecretCipher;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The schedule's rules, the same for the page and the API: every bad field named at once (field names as in
 * {@link BackupScheduleDraft}), and the draft merged with the stored row (a null secret keeps the stored one, "" removes
 * it; new secrets are encrypted with the appliance key). Saving forgets the pinned SFTP host key, so saving again is
 * how an admin trusts a reinstalled server.
 */
public final class ScheduleRules {

    public static final int MAX_KEEP_DAYS = 3650;
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):[0-5]\\d");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    private ScheduleRules() {}

    /** "2:30" → 02:30; null when the text is not a time of day. */
    public static LocalTime timeOfDay(String text) {
        if (text == null || !TIME.matcher(text.strip()).matches()) return null;
        try {
            return LocalTime.parse((text.strip().length() == 4 ? "0" : "") + text.strip(), HH_MM);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** @throws InvalidInputException naming each bad field */
    public static ScheduleRepository.Row merge(
            ScheduleRepository.Row stored, BackupScheduleDraft d, SecretCipher cipher) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        LocalTime time = timeOfDay(d.timeOfDay());
        if (time == null) errors.put("timeOfDay", FieldError.of("backup.time-of-day"));
        int keep = d.keepDays() == null ? 0 : d.keepDays();
        if (keep < 1 || keep > MAX_KEEP_DAYS) errors.put("keepDays", FieldError.of("backup.keep-days", MAX_KEEP_DAYS));
        if (d.passphrase() != null
                && !d.passphrase().isEmpty()
                && d.passphrase().length() < Backups.MIN_PASSPHRASE) {
            errors.put("passphrase", FieldError.of("backup.passphrase", Backups.MIN_PASSPHRASE));
        }
        String host = blankToNull(d.sftpHost());
        String user = blankToNull(d.sftpUser());
        String password = secret(d.sftpPassword(), stored.sftpPassword(), cipher);
        String key = secret(d.sftpPrivateKey(), stored.sftpPrivateKey(), cipher);
        int port = d.sftpPort() == null ? 22 : d.sftpPort();
        if (host != null && !HOST.matcher(host).matches()) errors.put("sftpHost", FieldError.of("common.host"));
        if (port < 1 || port > 65535) errors.put("sftpPort", FieldError.of("common.port"));
        String dir = blankToNull(d.sftpDirectory());
        if (dir != null && (dir.length() > 512 || dir.chars().anyMatch(Character::isISOControl))) {
            errors.put("sftpDirectory", FieldError.of("backup.sftp-directory"));
        }
        if (d.sftpEnabled()) {
            if (host == null) errors.put("sftpHost", FieldError.of("backup.needed-for-sftp"));
            if (user == null) errors.put("sftpUser", FieldError.of("backup.needed-for-sftp"));
            if (password == null && key == null) {
                errors.put("sftpPassword", FieldError.of("backup.sftp-credentials"));
            }
        }
        if (d.sftpPrivateKey() != null && !d.sftpPrivateKey().isBlank()) {
            SftpUpload.privateKeyProblem(d.sftpPrivateKey()).ifPresent(p -> errors.put("sftpPrivateKey", p));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new ScheduleRepository.Row(
                d.enabled(),
                HH_MM.format(time),
                keep,
                secret(d.passphrase(), stored.passphrase(), cipher),
                d.sftpEnabled(),
                host,
                port,
                user,
                password,
                key,
                dir,
                null);
    }

    /** null keeps the stored ciphertext, blank removes it, anything else is encrypted. */
    private static String secret(String given, String stored, SecretCipher cipher) {
        if (given == null) return stored;
        return given.isBlank() ? null : cipher.encrypt(given);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
