-- Bytes each party sent through the relay (issue 20: packets, bytes, loss and jitter per call leg in the CDR): the
-- UDP payload of its RTP packets. NULL for direct calls and for calls recorded before this version.
ALTER TABLE cdr ADD COLUMN caller_bytes BIGINT;
ALTER TABLE cdr ADD COLUMN callee_bytes BIGINT;
