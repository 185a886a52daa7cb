-- Instant messages between local users (issue 15): each user's recent history, shown to that user only in the
-- portal. Relayed to a phone (RELAYED) or kept for an offline user (STORED). Removed with either user, and after
-- tandem.messaging.history-keep. Times are epoch milliseconds (UTC), as in the cdr table.
CREATE TABLE message_history (
    id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    sender        VARCHAR(32)   NOT NULL,
    recipient     VARCHAR(32)   NOT NULL,
    content_type  VARCHAR(128)  NOT NULL,
    body          VARCHAR(4000) NOT NULL,
    sent_ms       BIGINT        NOT NULL,
    outcome       VARCHAR(16)   NOT NULL,
    CONSTRAINT message_history_sender FOREIGN KEY (sender) REFERENCES sip_user (extension) ON DELETE CASCADE,
    CONSTRAINT message_history_recipient FOREIGN KEY (recipient) REFERENCES sip_user (extension) ON DELETE CASCADE
);
CREATE INDEX message_history_by_sender ON message_history (sender, sent_ms);
CREATE INDEX message_history_by_recipient ON message_history (recipient, sent_ms);
CREATE INDEX message_history_by_time ON message_history (sent_ms);
