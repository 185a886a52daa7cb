-- Admin security (issue 5): the allow-list an admin edits in the web UI or over the API. Addresses and
-- CIDR blocks (IPv4 or IPv6) listed here are never banned. Seeded once from tandem.security.allow-list;
-- after that the table is the only source (a marker row in system_setting records the seeding, so a
-- list the admin emptied stays empty after a restart).
CREATE TABLE allow_list_entry (
    entry      VARCHAR(64)  NOT NULL PRIMARY KEY,
    created_at TIMESTAMP(3) NOT NULL
);
