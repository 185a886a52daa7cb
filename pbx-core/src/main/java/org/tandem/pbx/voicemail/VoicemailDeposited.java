package org.tandem.pbx.voicemail;

/**
 * A new message is stored (audio and row durable). Raised after {@link VoicemailChanged} of the same
 * deposit, on the thread that deposited it: listeners hand work to their own executors.
 */
public record VoicemailDeposited(VoicemailMessage message) {}
