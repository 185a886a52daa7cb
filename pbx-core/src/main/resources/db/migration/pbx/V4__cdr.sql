-- Call detail records: one row per call attempt (org.tandem.pbx.call.CallStarted), keyed by its
-- Call-ID. Written when the call starts (end_ms NULL = in progress), updated on answer and end.
-- Times are epoch milliseconds (UTC), so H2 and MariaDB agree without time-zone conversions.
CREATE TABLE cdr (
    call_id           VARCHAR(255) NOT NULL PRIMARY KEY,
    caller_extension  VARCHAR(32),
    caller_number     VARCHAR(64),
    caller_name       VARCHAR(128),
    answered_by       VARCHAR(64),
    dialled           VARCHAR(64),
    did               VARCHAR(64),
    trunk             VARCHAR(64),
    ring_group        VARCHAR(32),
    destination       VARCHAR(128),
    forwarded_from    VARCHAR(32),
    direction         VARCHAR(8),
    start_ms          BIGINT       NOT NULL,
    answer_ms         BIGINT,
    end_ms            BIGINT,
    -- the latest moment this call was known to be alive: the end time of a row a crash left open
    last_seen_ms      BIGINT       NOT NULL,
    billable_seconds  INT          NOT NULL,
    disposition       VARCHAR(16),
    hangup_side       VARCHAR(8),
    sip_status        INT,
    linked_call_id    VARCHAR(255),
    -- CallStarted seen; FALSE while a row made by a later event that arrived first waits for it
    started           BOOLEAN      NOT NULL,
    -- closed at the next start-up because the process stopped while the call was in progress
    closed_at_restart BOOLEAN      NOT NULL
);
CREATE INDEX cdr_start ON cdr (start_ms);
CREATE INDEX cdr_caller ON cdr (caller_extension, start_ms);
CREATE INDEX cdr_answered_by ON cdr (answered_by, start_ms);
CREATE INDEX cdr_disposition ON cdr (disposition, start_ms);
CREATE INDEX cdr_direction ON cdr (direction, start_ms);
CREATE INDEX cdr_open ON cdr (end_ms);
CREATE INDEX cdr_linked ON cdr (linked_call_id);

-- Every local extension a call was offered to (dialled, forwarded to, ring group members): the
-- "extension" filter, a user's call log and missed calls look here.
CREATE TABLE cdr_offer (
    call_id    VARCHAR(255) NOT NULL,
    extension  VARCHAR(32)  NOT NULL,
    PRIMARY KEY (call_id, extension)
);
CREATE INDEX cdr_offer_extension ON cdr_offer (extension, call_id);
