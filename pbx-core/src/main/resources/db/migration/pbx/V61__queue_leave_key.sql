-- A key that lets a waiting caller leave a queue's line (issue 18): pressing leave_key (one of 0-9 * #) sends the
-- caller to leave_destination (a destination in its text form, e.g. voicemail:201). Both NULL: no such key. The call
-- record's queue_outcome is then LEFT_BY_KEY.
ALTER TABLE call_queue ADD COLUMN leave_key VARCHAR(1);
ALTER TABLE call_queue ADD COLUMN leave_destination VARCHAR(64);
