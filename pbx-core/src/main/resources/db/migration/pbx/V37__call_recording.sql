-- Call recording of ordinary calls (issue 18): the rules that say which calls are recorded, the recordings made, and
-- how long they are kept. V37: the next free number when this was written (V36 blocklist).
CREATE TABLE recording_rule (
    -- USER (subject: an extension), TRUNK (a trunk's name: its inbound calls) or DID (an inbound route's number)
    scope    VARCHAR(8)   NOT NULL,
    subject  VARCHAR(64)  NOT NULL,
    -- ALWAYS: every call it takes part in is recorded; NEVER: none is, whatever the other rules say
    mode     VARCHAR(8)   NOT NULL,
    PRIMARY KEY (scope, subject)
);

-- One finished recording: a stereo WAV (caller left, callee right) under <data>/recordings/calls/, written in full
-- (fsync + rename) before this row exists. call_id is the CDR row's key.
CREATE TABLE call_recording (
    id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    call_id           VARCHAR(255)  NOT NULL,
    started_ms        BIGINT        NOT NULL,
    duration_ms       BIGINT        NOT NULL,
    caller_extension  VARCHAR(32),
    -- the local users the call rang, as ',101,102,' (a user's own recordings: theirs as caller or callee)
    callee_extensions VARCHAR(512)  NOT NULL,
    trunk             VARCHAR(64),
    did               VARCHAR(64),
    -- relative to <data>/recordings/calls
    file              VARCHAR(255)  NOT NULL,
    bytes             BIGINT        NOT NULL
);
CREATE INDEX call_recording_started ON call_recording (started_ms);
CREATE INDEX call_recording_call ON call_recording (call_id);

-- One row (id 1): recordings older than retention_days are deleted with their files (0: kept until deleted).
CREATE TABLE recording_policy (
    id              INT  NOT NULL PRIMARY KEY,
    retention_days  INT  NOT NULL
);
INSERT INTO recording_policy (id, retention_days) VALUES (1, 90);
