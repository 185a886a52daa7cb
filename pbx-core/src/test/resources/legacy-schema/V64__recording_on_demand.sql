-- Call recording on demand and per queue (issue 18): a rule's mode may now be ON_DEMAND (users only: the user dials
-- *1 during a call to start and stop a recording), and its scope QUEUE (subject: the queue's number).
-- mode grows from VARCHAR(8) to VARCHAR(16). There is no statement for changing a column's type that MariaDB and H2
-- share (MODIFY COLUMN is MariaDB's, and H2's only in its MariaDB mode, not in the plain mode some tests use), so the
-- values move through a second column: add, copy, drop, and the same back under the old name.
ALTER TABLE recording_rule ADD COLUMN mode_new VARCHAR(16) DEFAULT 'ALWAYS' NOT NULL;
UPDATE recording_rule SET mode_new = mode;
ALTER TABLE recording_rule DROP COLUMN mode;
ALTER TABLE recording_rule ADD COLUMN mode VARCHAR(16) DEFAULT 'ALWAYS' NOT NULL;
UPDATE recording_rule SET mode = mode_new;
ALTER TABLE recording_rule DROP COLUMN mode_new;
