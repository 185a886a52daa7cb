-- Every queue a call waited in (issue 18), in order: a caller sent on from one queue to another (its fallback a
-- queue) counts in the figures of both, as TIMEOUT/FULL/EMPTY/LEFT_BY_KEY in the first and as whatever happened in
-- the next. The cdr row's queue_* columns keep the last queue, as shown in the call records; the daily figures of a
-- queue are counted from this table. seq: 0, 1, ... in the order the caller left the queues.
CREATE TABLE cdr_queue_visit (
    call_id       VARCHAR(255) NOT NULL,
    seq           INT          NOT NULL,
    queue_number  VARCHAR(32)  NOT NULL,
    outcome       VARCHAR(16),
    wait_ms       BIGINT       NOT NULL,
    agent         VARCHAR(32),
    PRIMARY KEY (call_id, seq)
);
CREATE INDEX cdr_queue_visit_queue ON cdr_queue_visit (queue_number, call_id);
-- the calls recorded before this table: their one (last) queue
INSERT INTO cdr_queue_visit (call_id, seq, queue_number, outcome, wait_ms, agent)
    SELECT call_id, 0, queue_number, queue_outcome, COALESCE(queue_wait_ms, 0), queue_agent FROM cdr
    WHERE queue_number IS NOT NULL;
