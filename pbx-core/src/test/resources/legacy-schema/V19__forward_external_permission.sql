-- Issue 22 (toll fraud): a user's forwarding may send an outside caller out again through a trunk only
-- with this permission of their own, off by default (trunk-to-trunk forwarding, Asterisk security guidance).
ALTER TABLE user_outbound ADD COLUMN forward_external BOOLEAN DEFAULT FALSE NOT NULL;
