-- Paging groups (issue 18): a number whose members' phones answer at once on their speaker and hear the caller,
-- who hears none of them. Members are users (extensions), in the order the admin listed them.
CREATE TABLE paging_group (
    group_number  VARCHAR(32)  NOT NULL PRIMARY KEY,
    name          VARCHAR(64)  NOT NULL,
    updated_at    TIMESTAMP(3) NOT NULL
);

CREATE TABLE paging_group_member (
    group_number  VARCHAR(32) NOT NULL,
    position      INT         NOT NULL,
    extension     VARCHAR(32) NOT NULL,
    PRIMARY KEY (group_number, position),
    CONSTRAINT paging_group_member_group FOREIGN KEY (group_number) REFERENCES paging_group (group_number)
        ON DELETE CASCADE,
    CONSTRAINT paging_group_member_user FOREIGN KEY (extension) REFERENCES sip_user (extension) ON DELETE CASCADE
);
