-- The web UI's and API's admin accounts (split from V1__core.sql, see pbx-core's V1__sip_users.sql).
CREATE TABLE admin_account (
    username             VARCHAR(64)  NOT NULL PRIMARY KEY,
    password_hash        VARCHAR(100) NOT NULL,
    role                 VARCHAR(16)  NOT NULL,
    must_change_password BOOLEAN      NOT NULL,
    created_at           TIMESTAMP(3) NOT NULL
);
