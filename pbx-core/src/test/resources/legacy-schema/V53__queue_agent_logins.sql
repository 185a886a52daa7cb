-- Dynamic queue agents (issue 18): users who logged in to a queue with the feature code (QUEUE_LOGIN, *45<queue>) and
-- have not logged out (*46<queue>). They take the queue's calls beside its static members. A login goes with its
-- queue and with its user.
CREATE TABLE call_queue_login (
    queue_number  VARCHAR(32)  NOT NULL,
    extension     VARCHAR(32)  NOT NULL,
    logged_in_at  TIMESTAMP(3) NOT NULL,
    PRIMARY KEY (queue_number, extension),
    CONSTRAINT call_queue_login_queue FOREIGN KEY (queue_number) REFERENCES call_queue (queue_number) ON DELETE CASCADE,
    CONSTRAINT call_queue_login_user FOREIGN KEY (extension) REFERENCES sip_user (extension) ON DELETE CASCADE
);
