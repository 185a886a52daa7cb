-- A day/night override of a time condition (issue 17): calls go to its open (forced_open) or closed destination
-- whatever the schedule says, until until_at (the schedule's next change) or, when it is NULL, until an admin
-- switches it back. No row: the schedule decides.
CREATE TABLE time_condition_override (
    condition_name  VARCHAR(32)  NOT NULL PRIMARY KEY,
    forced_open     BOOLEAN      NOT NULL,
    until_at        TIMESTAMP(3) NULL,
    set_by          VARCHAR(128) NOT NULL,
    set_at          TIMESTAMP(3) NOT NULL,
    CONSTRAINT time_condition_override_condition FOREIGN KEY (condition_name) REFERENCES time_condition (name)
        ON DELETE CASCADE
);
