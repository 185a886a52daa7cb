-- "This call is being recorded" per recording rule (issue 18): when a recording a rule with announce asked for
-- starts (at the answer for ALWAYS, at *1 for ON_DEMAND, when the agent answers for a queue), both parties hear it.
ALTER TABLE recording_rule ADD COLUMN announce BOOLEAN DEFAULT FALSE NOT NULL;
