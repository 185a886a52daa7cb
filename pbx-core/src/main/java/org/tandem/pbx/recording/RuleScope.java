package org.tandem.pbx.recording;

/** What a recording rule is about. */
public enum RuleScope {
    /** A user (subject: the extension), as caller or as callee. */
    USER,
    /** A trunk (subject: its name): the calls that come in on it, and those placed out on it (first, by their route). */
    TRUNK,
    /** An inbound route (subject: the DID the provider delivers the call to). */
    DID,
    /** A call queue (subject: its number): its calls once an agent answered, as one mixed (mono) WAV. */
    QUEUE
}
