-- *97 from the owner's own (digest-authenticated) phone may skip the PIN when the owner says so (issue 4).
ALTER TABLE voicemail_box ADD COLUMN pin_skip_own_phone BOOLEAN DEFAULT FALSE NOT NULL;
