package org.tandem.pbx.voicemail;

/** How many messages a box holds per folder (RFC 3842 "new" and "old"). */
public record MessageCounts(int newMessages, int savedMessages) {

    public static final MessageCounts NONE = new MessageCounts(0, 0);
}
