package org.tandem.pbx.voicemail;

/**
 * The messages of a box changed (deposit, move, delete); {@code counts} is what the box holds now.
 * Message-waiting indication follows it.
 */
public record VoicemailChanged(String box, MessageCounts counts) {}
