-- Trunk codecs, DTMF mode and provider template (issue 17). codecs: the allowed codecs towards the provider in order of
-- preference, comma-separated (PCMA,PCMU,G722); NULL: whatever phones and provider offer, as before. dtmf_mode: how key
-- presses travel (rfc4733 only for now). provider_template: the template the trunk was created from, or NULL.
ALTER TABLE trunk ADD COLUMN codecs VARCHAR(255);
ALTER TABLE trunk ADD COLUMN dtmf_mode VARCHAR(16) DEFAULT 'rfc4733' NOT NULL;
ALTER TABLE trunk ADD COLUMN provider_template VARCHAR(64);
