-- First contact (issue 19, issue 22 finding 2). A phone that asks for its files without proving itself (no
-- per-device URL, no provisioning password) waits here for an admin to accept it; it gets no secret meanwhile.
-- waiting_*: the last such request (where from, what it said it is, when). accepted_until_ms: until when an
-- admin's acceptance holds; accepted_source: the address it holds for (NULL = the next request from anywhere:
-- the admin opened the window before plugging the phone in). Used once: the next request it admits is handed
-- the phone's private URL, and the row is deleted.
CREATE TABLE device_first_contact (
    mac                 VARCHAR(12)  NOT NULL PRIMARY KEY,
    waiting_source      VARCHAR(64),
    waiting_user_agent  VARCHAR(255),
    waiting_since_ms    BIGINT,
    waiting_last_ms     BIGINT,
    accepted_source     VARCHAR(64),
    accepted_until_ms   BIGINT,
    CONSTRAINT device_first_contact_device FOREIGN KEY (mac) REFERENCES device (mac) ON DELETE CASCADE
);
