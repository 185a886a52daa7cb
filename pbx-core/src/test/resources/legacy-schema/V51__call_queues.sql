-- Call queues (ACD, issue 18). A queue's number is a number of the dial plan like extensions and ring groups; its
-- fallback is a destination in its text form (org.tandem.pbx.routing.Destination: voicemail:201, hangup ...), NULL
-- for hang up. Agents are the static members, extensions in ring order (round robin goes through them in this order).
CREATE TABLE call_queue (
    queue_number           VARCHAR(32)  NOT NULL PRIMARY KEY,
    name                   VARCHAR(64)  NOT NULL,
    strategy               VARCHAR(16)  NOT NULL,
    agent_ring_seconds     INT          NOT NULL,
    wrap_up_seconds        INT          NOT NULL,
    max_wait_seconds       INT          NOT NULL,
    max_callers            INT          NOT NULL,
    fallback               VARCHAR(64),
    join_empty             BOOLEAN      NOT NULL,
    leave_when_empty       BOOLEAN      NOT NULL,
    announce_seconds       INT          NOT NULL,
    service_level_seconds  INT          NOT NULL,
    updated_at             TIMESTAMP(3) NOT NULL
);

CREATE TABLE call_queue_member (
    queue_number  VARCHAR(32) NOT NULL,
    position      INT         NOT NULL,
    extension     VARCHAR(32) NOT NULL,
    PRIMARY KEY (queue_number, position),
    CONSTRAINT call_queue_member_queue FOREIGN KEY (queue_number) REFERENCES call_queue (queue_number) ON DELETE CASCADE
);
