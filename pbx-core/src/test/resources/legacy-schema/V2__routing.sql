-- Call routing (issue 3): per-user call settings, ring groups, feature codes.
-- Destinations are stored in their text form (org.tandem.pbx.routing.Destination): extension:201,
-- ringgroup:600, voicemail:201, external:+4930123456, hangup ...

CREATE TABLE user_call_settings (
    extension          VARCHAR(32)  NOT NULL PRIMARY KEY,
    dnd                BOOLEAN      NOT NULL,
    forward_always     VARCHAR(64),
    forward_busy       VARCHAR(64),
    forward_no_answer  VARCHAR(64),
    no_answer_seconds  INT          NOT NULL,
    mobile_number      VARCHAR(33),
    ring_mobile        BOOLEAN      NOT NULL,
    busy_when          VARCHAR(8)   NOT NULL,
    pickup_group       VARCHAR(32),
    updated_at         TIMESTAMP(3) NOT NULL,
    CONSTRAINT user_call_settings_user FOREIGN KEY (extension) REFERENCES sip_user (extension) ON DELETE CASCADE
);

CREATE TABLE ring_group (
    group_number      VARCHAR(32)  NOT NULL PRIMARY KEY,
    name              VARCHAR(64)  NOT NULL,
    strategy          VARCHAR(16)  NOT NULL,
    ring_seconds      INT          NOT NULL,
    fallback          VARCHAR(64),
    caller_id_prefix  VARCHAR(16),
    updated_at        TIMESTAMP(3) NOT NULL
);

CREATE TABLE ring_group_member (
    group_number  VARCHAR(32) NOT NULL,
    position      INT         NOT NULL,
    destination   VARCHAR(64) NOT NULL,
    ring_seconds  INT         NOT NULL,
    PRIMARY KEY (group_number, position),
    CONSTRAINT ring_group_member_group FOREIGN KEY (group_number) REFERENCES ring_group (group_number) ON DELETE CASCADE
);

CREATE TABLE feature_code (
    feature  VARCHAR(32) NOT NULL PRIMARY KEY,
    code     VARCHAR(16) NOT NULL,
    CONSTRAINT feature_code_unique UNIQUE (code)
);
