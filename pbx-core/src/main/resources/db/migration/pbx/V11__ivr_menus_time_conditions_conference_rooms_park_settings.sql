-- IVR menus, time conditions, conference rooms and call park (issue 4, configuration side).
-- Destinations are stored in their text form (org.tandem.pbx.routing.Destination): extension:201, ivr:main,
-- time:office, conference:800 ...; the park feature code is a row of feature_code (feature PARK).

CREATE TABLE ivr_menu (
    name                         VARCHAR(32)  NOT NULL PRIMARY KEY,
    greeting_prompt              VARCHAR(64)  NOT NULL,
    dial_by_extension            BOOLEAN      NOT NULL,
    digit_timeout_seconds        INT          NOT NULL,
    inter_digit_timeout_seconds  INT          NOT NULL,
    invalid_prompt               VARCHAR(64)  NOT NULL,
    retries                      INT          NOT NULL,
    fallback                     VARCHAR(64),
    updated_at                   TIMESTAMP(3) NOT NULL
);

CREATE TABLE ivr_menu_option (
    menu_name    VARCHAR(32) NOT NULL,
    menu_key     CHAR(1)     NOT NULL,
    destination  VARCHAR(64) NOT NULL,
    PRIMARY KEY (menu_name, menu_key),
    CONSTRAINT ivr_menu_option_menu FOREIGN KEY (menu_name) REFERENCES ivr_menu (name) ON DELETE CASCADE
);

CREATE TABLE time_condition (
    name                VARCHAR(32)  NOT NULL PRIMARY KEY,
    zone_id             VARCHAR(64)  NOT NULL,
    open_destination    VARCHAR(64)  NOT NULL,
    closed_destination  VARCHAR(64)  NOT NULL,
    updated_at          TIMESTAMP(3) NOT NULL
);

-- minutes of the local day; closes_minute up to 1440 (24:00), exclusive
CREATE TABLE time_condition_range (
    condition_name  VARCHAR(32) NOT NULL,
    position        INT         NOT NULL,
    day_of_week     VARCHAR(9)  NOT NULL,
    opens_minute    INT         NOT NULL,
    closes_minute   INT         NOT NULL,
    PRIMARY KEY (condition_name, position),
    CONSTRAINT time_condition_range_condition FOREIGN KEY (condition_name) REFERENCES time_condition (name) ON DELETE CASCADE
);

CREATE TABLE time_condition_holiday (
    condition_name  VARCHAR(32) NOT NULL,
    position        INT         NOT NULL,
    first_day       DATE        NOT NULL,
    last_day        DATE        NOT NULL,
    label           VARCHAR(64) NOT NULL,
    PRIMARY KEY (condition_name, position),
    CONSTRAINT time_condition_holiday_condition FOREIGN KEY (condition_name) REFERENCES time_condition (name) ON DELETE CASCADE
);

CREATE TABLE conference_room (
    room_number          VARCHAR(32)  NOT NULL PRIMARY KEY,
    name                 VARCHAR(64)  NOT NULL,
    pin_hash             VARCHAR(72),
    max_participants     INT          NOT NULL,
    record_calls         BOOLEAN      NOT NULL,
    is_locked            BOOLEAN      NOT NULL,
    announce_join_leave  BOOLEAN      NOT NULL,
    updated_at           TIMESTAMP(3) NOT NULL
);

CREATE TABLE park_settings (
    id                INT          NOT NULL PRIMARY KEY,
    first_orbit       VARCHAR(12),
    last_orbit        VARCHAR(12),
    timeout_seconds   INT          NOT NULL,
    return_to_parker  BOOLEAN      NOT NULL,
    updated_at        TIMESTAMP(3) NOT NULL
);
