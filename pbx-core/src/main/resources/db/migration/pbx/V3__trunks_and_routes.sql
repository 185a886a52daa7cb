-- SIP trunks, outbound routes, inbound DID routes, per-user outbound permissions (issue 3).
-- One migration for H2 (MODE=MariaDB) and MariaDB: keep to their common SQL.

CREATE TABLE trunk (
    id                   VARCHAR(32)   NOT NULL PRIMARY KEY,
    host                 VARCHAR(255)  NOT NULL,
    port                 INT           NOT NULL,
    transport            VARCHAR(8)    NOT NULL,
    username             VARCHAR(64),
    auth_username        VARCHAR(64),
    secret_enc           VARCHAR(512),
    from_domain          VARCHAR(255),
    registration_enabled BOOLEAN       NOT NULL,
    registration_expiry  INT           NOT NULL,
    -- RFC 3261 §10.2.1: the user part of the Contact we register; unguessable, identifies the trunk
    contact_user         VARCHAR(64)   NOT NULL,
    inbound_addresses    VARCHAR(1024),
    caller_id_policy     VARCHAR(16)   NOT NULL,
    caller_id            VARCHAR(64),
    assert_identity      BOOLEAN       NOT NULL,
    max_channels         INT,
    created_at           TIMESTAMP(3)  NOT NULL,
    updated_at           TIMESTAMP(3)  NOT NULL
);
CREATE UNIQUE INDEX trunk_contact_user ON trunk (contact_user);

CREATE TABLE outbound_route (
    id          VARCHAR(32)   NOT NULL PRIMARY KEY,
    sort_order  INT           NOT NULL,
    patterns    VARCHAR(1024) NOT NULL,
    prepend     VARCHAR(32),
    trunks      VARCHAR(512)  NOT NULL,
    caller_id   VARCHAR(64),
    permission  VARCHAR(16)   NOT NULL
);

CREATE TABLE inbound_route (
    did          VARCHAR(32)  NOT NULL PRIMARY KEY,
    destination  VARCHAR(64)  NOT NULL
);

CREATE TABLE user_outbound (
    extension   VARCHAR(32)  NOT NULL PRIMARY KEY,
    permission  VARCHAR(16)  NOT NULL,
    caller_id   VARCHAR(64),
    CONSTRAINT user_outbound_user FOREIGN KEY (extension) REFERENCES sip_user (extension) ON DELETE CASCADE
);

CREATE TABLE trunk_setting (
    name           VARCHAR(64)  NOT NULL PRIMARY KEY,
    setting_value  VARCHAR(255) NOT NULL
);
