-- Call recordings in backups by choice (issue 18): when false, a backup carries neither the recordings' files
-- (<data>/recordings/calls) nor their call_recording rows, so restoring it leaves no row without its file.
ALTER TABLE recording_policy ADD COLUMN in_backups BOOLEAN DEFAULT TRUE NOT NULL;
