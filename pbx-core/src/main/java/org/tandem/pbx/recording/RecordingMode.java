package org.tandem.pbx.recording;

/** What a recording rule says about the calls of its subject. */
public enum RecordingMode {
    /** Every call of the subject is recorded (unless another party's rule says NEVER). */
    ALWAYS,
    /** No call of the subject is recorded, whatever the other rules say. */
    NEVER,
    /**
     * Users only: the user's calls go through the media relay, and the user starts and stops a recording during the
     * call by dialling {@link CallRecordings#KEY_CODE} (unless another party's rule says NEVER; ALWAYS records all).
     */
    ON_DEMAND
}
