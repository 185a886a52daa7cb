-- The audit log (issue 17): who changed what, when, through which channel (API, WEB_UI, PHONE). Times are epoch
-- milliseconds (UTC), as in the cdr table. Never holds a secret: AuditLog masks them before a row is written.
-- Rows older than tandem.audit.keep-days are deleted daily.
CREATE TABLE audit_log (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at_ms       BIGINT       NOT NULL,
    who         VARCHAR(160) NOT NULL,
    channel     VARCHAR(16)  NOT NULL,
    action      VARCHAR(255) NOT NULL,
    target      VARCHAR(160) NULL
);
CREATE INDEX audit_log_by_time ON audit_log (at_ms);
