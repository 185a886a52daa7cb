-- Four indexes of the cdr table that no query uses (issue 23: every index costs the CDR writer an entry per INSERT,
-- and H2 re-writes every index of a row on each UPDATE). What the queries use instead (CdrQueries, CdrRetention,
-- CdrStore; checked with EXPLAIN on H2 and MariaDB):
-- * cdr_caller, cdr_answered_by: the extension filter ORs caller_extension, answered_by, ring_group and an EXISTS on
--   cdr_offer, which neither database can answer from these indexes; it walks cdr_start (newest first).
-- * cdr_direction: three values; cdr_start in order with the direction as a filter reads fewer rows for a page.
-- * cdr_queue: a queue's calls are found by cdr_queue_visit (V70), joined to cdr by its key.
DROP INDEX cdr_caller ON cdr;
DROP INDEX cdr_answered_by ON cdr;
DROP INDEX cdr_direction ON cdr;
DROP INDEX cdr_queue ON cdr;
