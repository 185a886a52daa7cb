-- Web UI (issue 5): users log in to the self-service portal (/me) with their extension and a web
-- password, stored only as a bcrypt hash (unlike the SIP secret, nothing needs it back in clear).
-- NULL: no web password set yet, the user cannot log in to the portal.
ALTER TABLE sip_user ADD COLUMN web_password_hash VARCHAR(100);

-- Settings an admin makes in the first-run wizard (SIP domain, time zone, NAT host, SMTP), one row
-- each. The SMTP password is encrypted with the appliance key like SIP secrets.
CREATE TABLE system_setting (
    name          VARCHAR(64)   NOT NULL PRIMARY KEY,
    setting_value VARCHAR(1024),
    updated_at    TIMESTAMP(3)  NOT NULL
);
