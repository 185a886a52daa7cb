package org.tandem.provisioning.device;

/** The outcome of one fetch, for the log an admin reads. */
public enum FetchResult {
    /** a file without any device data (boot file, directory) */
    COMMON,
    /** the device's configuration including its SIP credentials, to a proven device */
    CONFIG_WITH_CREDENTIALS,
    /** the device's configuration without credentials: unassigned, or the requester proved nothing */
    CONFIG_WITHOUT_CREDENTIALS,
    /** the device's file with a fresh per-device URL (and its credentials when the file carries them), to a phone an admin accepted */
    TOKEN_HANDED_OUT,
    /** a phone's file asked for without proof and not accepted by an admin: refused (404), the phone waits on the Phones page */
    WAITING_FOR_ACCEPTANCE,
    NOT_FOUND,
    /** asked to log in (HTTP 401 with Basic and Digest challenges): none sent on {@code /prov/a/}, or a stale digest nonce */
    CHALLENGED,
    /** wrong per-device credentials or an unknown token */
    DENIED,
    /** a source fetching too many unknown MACs */
    SCAN_REFUSED
}
