-- The welcome e-mail's one-time links (issue 17) are of two kinds now: choosing the portal password (V48) and setting
-- up a softphone (a Linphone remote-provisioning URL). One table, one token scheme: only the SHA-256 of a token is
-- kept, each link works once until expires_at, and a user's newer link of a purpose replaces the older ones.
ALTER TABLE web_password_link RENAME TO one_time_link;
ALTER TABLE one_time_link ADD COLUMN purpose VARCHAR(16) NOT NULL DEFAULT 'web-password';
CREATE INDEX one_time_link_holder ON one_time_link (extension, purpose);
