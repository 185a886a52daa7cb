-- The users (extensions) of the PBX. Every module's migrations share one version sequence and one history
-- (docs/architecture.md, Storage) and keep to the SQL that H2 (MODE=MariaDB) and MariaDB have in common.
-- Until the migrations moved into their modules this table was created by V1__core.sql together with the
-- registrar's registration (now sip-core's V1.1) and the appliance's admin_account (V1.2).

CREATE TABLE sip_user (
    extension     VARCHAR(32)  NOT NULL PRIMARY KEY,
    display_name  VARCHAR(64)  NOT NULL,
    email         VARCHAR(254),
    secret_enc    VARCHAR(512) NOT NULL,
    created_at    TIMESTAMP(3) NOT NULL,
    updated_at    TIMESTAMP(3) NOT NULL
);
