-- API tokens for scripts (issue 22, finding 6): a bearer token an admin creates and revokes over the API.
-- Only the SHA-256 of the token is kept (OWASP ASVS 4.0.3 V3.5.2 / V2.10.4): it is 256 random bits, so a
-- fast hash is enough and a stolen database gives no usable token. A token acts as its creator's account with
-- at most that account's role, and stops working when that account is gone.
CREATE TABLE api_token (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    name         VARCHAR(64)  NOT NULL,
    token_hash   CHAR(64)     NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    owner        VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP(3) NOT NULL,
    last_used_at TIMESTAMP(3) NULL,
    CONSTRAINT uq_api_token_name UNIQUE (name),
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash)
);
