-- Paused queue agents (issue 18): an agent who paused in a queue (feature code *47, the portal, or the API
-- PUT /api/v1/queues/{n}/agents/{ext}) is not rung by that queue until they resume; the reason they gave and since
-- when are shown on the Queues page and the wallboard. A pause survives a restart; it goes with its queue and its
-- user. reason is NULL when none was given (the feature code).
CREATE TABLE call_queue_pause (
    queue_number  VARCHAR(32)  NOT NULL,
    extension     VARCHAR(32)  NOT NULL,
    reason        VARCHAR(64),
    paused_at     TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (queue_number, extension),
    CONSTRAINT call_queue_pause_queue FOREIGN KEY (queue_number) REFERENCES call_queue (queue_number) ON DELETE CASCADE,
    CONSTRAINT call_queue_pause_user FOREIGN KEY (extension) REFERENCES sip_user (extension) ON DELETE CASCADE
);
