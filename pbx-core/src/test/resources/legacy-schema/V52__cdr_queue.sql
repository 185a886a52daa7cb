-- Queue events in the call records (issue 18): the queue a caller waited in, how that ended (ANSWERED, ABANDONED,
-- TIMEOUT, FULL, EMPTY: org.tandem.pbx.call.CallQueued.Outcome), how long they waited and the agent who answered.
-- NULL for calls that reached no queue. A queue's daily figures are counted from these columns.
ALTER TABLE cdr ADD COLUMN queue_number VARCHAR(32);
ALTER TABLE cdr ADD COLUMN queue_outcome VARCHAR(16);
ALTER TABLE cdr ADD COLUMN queue_wait_ms BIGINT;
ALTER TABLE cdr ADD COLUMN queue_agent VARCHAR(32);
CREATE INDEX cdr_queue ON cdr (queue_number, start_ms);
