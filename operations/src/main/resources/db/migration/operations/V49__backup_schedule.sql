-- Scheduled backups (issue 17): one row (id 1) with the admin's schedule, and the outcome of the last run that the
-- Backup page shows after a restart. Secrets (the archive passphrase, the SFTP password and private key) are stored
-- encrypted with the appliance key, as SIP and trunk secrets are ("v1:" + base64 of AES-256-GCM).
CREATE TABLE backup_schedule (
    id                 INT            NOT NULL,
    enabled            BOOLEAN        NOT NULL DEFAULT FALSE,
    time_of_day        VARCHAR(5)     NOT NULL DEFAULT '02:30',
    keep_days          INT            NOT NULL DEFAULT 14,
    passphrase         VARCHAR(1024),
    sftp_enabled       BOOLEAN        NOT NULL DEFAULT FALSE,
    sftp_host          VARCHAR(253),
    sftp_port          INT            NOT NULL DEFAULT 22,
    sftp_user          VARCHAR(128),
    sftp_password      VARCHAR(1024),
    sftp_private_key   TEXT,
    sftp_directory     VARCHAR(512),
    -- the server's host key fingerprint learned at the first upload (trust on first use); saving clears it
    sftp_host_key      VARCHAR(128),
    last_run_ms        BIGINT,
    last_ok            BOOLEAN,
    last_message       VARCHAR(1024),
    updated_ms         BIGINT         NOT NULL,
    PRIMARY KEY (id)
);
