-- Instant messages to users with no registered phone (issue 15, store-and-forward): kept until one of the
-- user's phones registers, then delivered in the order they arrived (id), or until they expire. Removed with
-- the user. Times are epoch milliseconds (UTC), as in the cdr table.
CREATE TABLE offline_message (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    recipient     VARCHAR(32)   NOT NULL,
    -- the From of the MESSAGE as received (name-addr), and the local user who sent it
    sender_from   VARCHAR(512)  NOT NULL,
    sender        VARCHAR(32)   NOT NULL,
    content_type  VARCHAR(128)  NOT NULL,
    body          VARCHAR(4000) NOT NULL,
    received_ms   BIGINT        NOT NULL,
    expires_ms    BIGINT        NOT NULL,
    CONSTRAINT offline_message_user FOREIGN KEY (recipient) REFERENCES sip_user (extension) ON DELETE CASCADE
);
CREATE INDEX offline_message_recipient ON offline_message (recipient, id);
