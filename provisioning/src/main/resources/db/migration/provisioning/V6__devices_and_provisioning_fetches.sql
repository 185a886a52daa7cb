-- Phone auto-provisioning (module provisioning). Times are epoch milliseconds (UTC).

-- A phone known by its MAC (12 lower-case hex digits). vendor/model/firmware come from what the phone
-- said about itself when it last fetched (User-Agent) or from the admin. token: unguessable part of the
-- per-device provisioning URL (/prov/d/<token>/); token_claimed: it has been handed out once (trust on
-- first use), after which only the token URL or the per-device HTTP credentials get SIP secrets.
CREATE TABLE device (
    mac                 VARCHAR(12)  NOT NULL PRIMARY KEY,
    vendor              VARCHAR(32),
    model               VARCHAR(64),
    firmware            VARCHAR(64),
    description         VARCHAR(128),
    token               VARCHAR(64)  NOT NULL,
    token_claimed       BOOLEAN      NOT NULL,
    prov_password_enc   VARCHAR(512) NOT NULL,
    admin_password_enc  VARCHAR(512) NOT NULL,
    created_ms          BIGINT       NOT NULL,
    updated_ms          BIGINT       NOT NULL,
    last_fetch_ms       BIGINT,
    last_fetch_source   VARCHAR(64)
);
CREATE UNIQUE INDEX device_token ON device (token);

-- Line n of a phone registers as the user with that extension.
CREATE TABLE device_line (
    mac        VARCHAR(12) NOT NULL,
    line_no    INT         NOT NULL,
    extension  VARCHAR(32) NOT NULL,
    PRIMARY KEY (mac, line_no),
    CONSTRAINT device_line_device FOREIGN KEY (mac) REFERENCES device (mac) ON DELETE CASCADE
);

-- Programmable key n: BLF (dialog subscription to an extension) or SPEED_DIAL.
CREATE TABLE device_key (
    mac     VARCHAR(12) NOT NULL,
    key_no  INT         NOT NULL,
    kind    VARCHAR(16) NOT NULL,
    target  VARCHAR(64) NOT NULL,
    label   VARCHAR(64),
    PRIMARY KEY (mac, key_no),
    CONSTRAINT device_key_device FOREIGN KEY (mac) REFERENCES device (mac) ON DELETE CASCADE
);

-- Every configuration fetch (HTTP or TFTP): which device (if known), from where, and what it got.
CREATE TABLE provisioning_fetch (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    at_ms       BIGINT       NOT NULL,
    mac         VARCHAR(12),
    source      VARCHAR(64)  NOT NULL,
    protocol    VARCHAR(8)   NOT NULL,
    file_name   VARCHAR(255) NOT NULL,
    user_agent  VARCHAR(255),
    result      VARCHAR(32)  NOT NULL
);
CREATE INDEX provisioning_fetch_mac ON provisioning_fetch (mac, at_ms);
CREATE INDEX provisioning_fetch_at ON provisioning_fetch (at_ms);
