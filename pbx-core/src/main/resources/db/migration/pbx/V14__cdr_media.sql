-- Why the PBX hung a call up (e.g. rtp-timeout: a relayed party sent no RTP), and how its media went: relayed
-- through the appliance (NAT, trunks) or directly, and per party what the relay received from it (RFC 3550 loss
-- and jitter). NULL while unknown, and for calls before this version.
ALTER TABLE cdr ADD COLUMN hangup_cause VARCHAR(32);
ALTER TABLE cdr ADD COLUMN media_relayed BOOLEAN;
ALTER TABLE cdr ADD COLUMN caller_packets BIGINT;
ALTER TABLE cdr ADD COLUMN caller_lost BIGINT;
ALTER TABLE cdr ADD COLUMN caller_jitter_ms INT;
ALTER TABLE cdr ADD COLUMN callee_packets BIGINT;
ALTER TABLE cdr ADD COLUMN callee_lost BIGINT;
ALTER TABLE cdr ADD COLUMN callee_jitter_ms INT;
