-- Blocklist (issue 18): numbers or prefixes of outside callers refused for everyone (owner NULL) or for one user
-- (owner = their extension, e.g. from the portal's "block this caller"), and what a blocked caller gets.
-- V36, not V35: another branch may take the next free number in parallel.
CREATE TABLE blocked_number (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    -- digits, optionally with a leading +, as callers present them (the From user part)
    number      VARCHAR(33)  NOT NULL,
    -- TRUE: every caller whose number starts with it
    prefix      BOOLEAN      NOT NULL,
    owner       VARCHAR(32),
    note        VARCHAR(128),
    created_ms  BIGINT       NOT NULL,
    CONSTRAINT blocked_number_owner FOREIGN KEY (owner) REFERENCES sip_user (extension) ON DELETE CASCADE
);
CREATE INDEX blocked_number_owner_number ON blocked_number (owner, number);

-- One row (id 1): anonymous callers blocked or not, and the treatment of every blocked caller.
CREATE TABLE blocklist_policy (
    id               INT          NOT NULL PRIMARY KEY,
    block_anonymous  BOOLEAN      NOT NULL,
    -- BUSY (486), DECLINE (603), FORBIDDEN (403) or PROMPT (answered, the prompt played, hung up)
    treatment        VARCHAR(16)  NOT NULL,
    prompt           VARCHAR(64)  NOT NULL
);
INSERT INTO blocklist_policy (id, block_anonymous, treatment, prompt) VALUES (1, FALSE, 'BUSY', 'err-not-available');
