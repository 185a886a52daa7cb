package org.tandem.operations.backup;

/**
 * A schedule to save. The secrets are write-only: null keeps the stored one, an empty string removes it
 * ({@code passphrase}: archives are then not encrypted; {@code sftpPassword} / {@code sftpPrivateKey}: the other
 * one must be set while SFTP is on). {@code sftpPrivateKey} is the key file's text (OpenSSH or PEM, unencrypted).
 */
public record BackupScheduleDraft(
        boolean enabled,
        String timeOfDay,
        Integer keepDays,
        String passphrase,
        boolean sftpEnabled,
        String sftpHost,
        Integer sftpPort,
        String sftpUser,
        String sftpPassword,
        String sftpPrivateKey,
        String sftpDirectory) {}
