package org.tandem.operations.backup;

/**
 * The stored backup schedule as the admin sees it: never a secret, only whether one is set. {@code timeOfDay} is
 * "HH:MM" in the appliance's time zone (the setup wizard's); {@code sftpHostKey} is the SFTP server's key fingerprint
 * learned at the first upload (null until then).
 */
public record BackupSchedule(
        boolean enabled,
        String timeOfDay,
        int keepDays,
        boolean passphraseSet,
        boolean sftpEnabled,
        String sftpHost,
        int sftpPort,
        String sftpUser,
        boolean sftpPasswordSet,
        boolean sftpPrivateKeySet,
        String sftpDirectory,
        String sftpHostKey) {

    public static final String DEFAULT_TIME = "02:30";
    public static final int DEFAULT_KEEP_DAYS = 14;
}
