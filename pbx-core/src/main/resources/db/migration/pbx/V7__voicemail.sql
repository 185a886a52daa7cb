-- Voicemail (issue 4): one box per user, its messages, and one outgoing e-mail per message.
-- Times are epoch milliseconds (UTC), as in the cdr table.

-- The box of a user; removed with the user. The e-mail address is the user's (sip_user.email).
CREATE TABLE voicemail_box (
    extension            VARCHAR(32)  NOT NULL PRIMARY KEY,
    enabled              BOOLEAN      NOT NULL,
    -- bcrypt of the digits; NULL until a PIN is set (the box cannot be opened by PIN then)
    pin_hash             VARCHAR(100),
    max_message_seconds  INT          NOT NULL,
    -- DEFAULT (names the extension), UNAVAILABLE or BUSY (the recorded greetings)
    greeting             VARCHAR(16)  NOT NULL,
    email_notify         BOOLEAN      NOT NULL,
    delete_after_email   BOOLEAN      NOT NULL,
    updated_ms           BIGINT       NOT NULL,
    CONSTRAINT voicemail_box_user FOREIGN KEY (extension) REFERENCES sip_user (extension) ON DELETE CASCADE
);

-- Users that existed before voicemail get their box, on by default.
INSERT INTO voicemail_box (extension, enabled, pin_hash, max_message_seconds, greeting, email_notify,
                           delete_after_email, updated_ms)
SELECT extension, TRUE, NULL, 180, 'DEFAULT', TRUE, FALSE, 0 FROM sip_user;

-- A message. The row is written only after its audio file <data>/voicemail/<extension>/<audio_file>
-- is durable (DESIGN.md, storage rules), so a row always has its audio.
CREATE TABLE voicemail_message (
    id           VARCHAR(32)  NOT NULL PRIMARY KEY,
    extension    VARCHAR(32)  NOT NULL,
    folder       VARCHAR(8)   NOT NULL,
    caller       VARCHAR(64),
    caller_name  VARCHAR(128),
    received_ms  BIGINT       NOT NULL,
    duration_ms  BIGINT       NOT NULL,
    audio_file   VARCHAR(64)  NOT NULL,
    audio_bytes  BIGINT       NOT NULL,
    CONSTRAINT voicemail_message_box FOREIGN KEY (extension) REFERENCES voicemail_box (extension) ON DELETE CASCADE
);
CREATE INDEX voicemail_message_box_folder ON voicemail_message (extension, folder, received_ms);

-- The outbox: one e-mail per message to its box owner, written in the same transaction as the message
-- row, so no message is ever forgotten. PENDING (next_try_ms says when), SENT, FAILED.
CREATE TABLE voicemail_email (
    message_id   VARCHAR(32)   NOT NULL PRIMARY KEY,
    recipient    VARCHAR(254)  NOT NULL,
    status       VARCHAR(8)    NOT NULL,
    attempts     INT           NOT NULL,
    next_try_ms  BIGINT,
    last_answer  VARCHAR(1024),
    updated_ms   BIGINT        NOT NULL,
    CONSTRAINT voicemail_email_message FOREIGN KEY (message_id) REFERENCES voicemail_message (id) ON DELETE CASCADE
);
CREATE INDEX voicemail_email_due ON voicemail_email (status, next_try_ms);
