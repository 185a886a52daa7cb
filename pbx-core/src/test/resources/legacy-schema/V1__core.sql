-- Tandem core schema. One migration set for H2 (MODE=MariaDB) and MariaDB: keep to their common SQL.

CREATE TABLE sip_user (
    extension     VARCHAR(32)  NOT NULL PRIMARY KEY,
    display_name  VARCHAR(64)  NOT NULL,
    email         VARCHAR(254),
    secret_enc    VARCHAR(512) NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL,
    updated_at    TIMESTAMP(3) NOT NULL
);

-- RFC 3261 §10.3: one row per (AOR, contact). Written before the 200 OK to REGISTER is sent.
CREATE TABLE registration (
    aor            VARCHAR(32)   NOT NULL,
    contact_uri    VARCHAR(512)  NOT NULL,
    contact_key    VARCHAR(64)   NOT NULL,
    call_id        VARCHAR(255)  NOT NULL,
    cseq           BIGINT        NOT NULL,
    expires_at     TIMESTAMP(3)  NOT NULL,
    q_value        INT           NOT NULL,
    source_address VARCHAR(64)   NOT NULL,
    source_port    INT           NOT NULL,
    transport      VARCHAR(8)    NOT NULL,
    user_agent     VARCHAR(255),
    instance_id    VARCHAR(255),
    reg_id         INT,
    registered_at  TIMESTAMP(3)  NOT NULL,
    PRIMARY KEY (aor, contact_key)
);
CREATE INDEX registration_expires ON registration (expires_at);

CREATE TABLE admin_account (
    username             VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash        VARCHAR(100) NOT NULL,
    role                 VARCHAR(16)  NOT NULL,
    must_change_password BOOLEAN      NOT NULL,
    created_at           TIMESTAMP(3) NOT NULL
);
