-- XCAP documents (issue 15, RFC 4825): each user's buddy lists (resource-lists, RFC 4826) and presence rules
-- (pres-rules, RFC 5025), one document per application usage, with the entity tag of its current version.
-- Removed with the user.
CREATE TABLE xcap_document (
    owner       VARCHAR(32)   NOT NULL,
    auid        VARCHAR(64)   NOT NULL,
    body        MEDIUMTEXT    NOT NULL,
    etag        VARCHAR(64)   NOT NULL,
    updated_ms  BIGINT        NOT NULL,
    PRIMARY KEY (owner, auid),
    CONSTRAINT xcap_document_owner FOREIGN KEY (owner) REFERENCES sip_user (extension) ON DELETE CASCADE
);
