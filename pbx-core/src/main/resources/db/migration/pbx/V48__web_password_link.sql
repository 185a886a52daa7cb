-- One-time links that let a user choose their portal web password (the welcome e-mail, issue 17). Only the
-- SHA-256 of the link's token is kept: a copy of the database does not let anyone use an open link.
CREATE TABLE web_password_link (
    token_hash  VARCHAR(64)  NOT NULL PRIMARY KEY,
    extension   VARCHAR(32)  NOT NULL,
    created_at  TIMESTAMP(3) NOT NULL,
    expires_at  TIMESTAMP(3) NOT NULL,
    CONSTRAINT web_password_link_user FOREIGN KEY (extension) REFERENCES sip_user (extension) ON DELETE CASCADE
);
