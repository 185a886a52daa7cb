-- Call recordings' disk quota (issue 18): when the recordings together take more than quota_mb megabytes, the oldest
-- are deleted with their files until they fit (0: no quota, only the retention applies). V41: numbers 38-40 were
-- left to the branches written alongside this one.
ALTER TABLE recording_policy ADD COLUMN quota_mb INT DEFAULT 0 NOT NULL;
