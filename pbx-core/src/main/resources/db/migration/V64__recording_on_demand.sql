-- Call recording on demand and per queue (issue 18): a rule's mode may now be ON_DEMAND (users only: the user dials
-- *1 during a call to start and stop a recording), and its scope QUEUE (subject: the queue's number).
ALTER TABLE recording_rule MODIFY COLUMN mode VARCHAR(16) NOT NULL;
