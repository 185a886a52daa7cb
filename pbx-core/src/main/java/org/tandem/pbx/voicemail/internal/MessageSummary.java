package org.tandem.pbx.voicemail.internal;

import org.tandem.pbx.voicemail.MessageCounts;

/** The {@code application/simple-message-summary} body (RFC 3842 §5.2). */
final class MessageSummary {

    static final String CONTENT_TYPE = "application";
    static final String CONTENT_SUBTYPE = "simple-message-summary";

    private MessageSummary() {}

    /** e.g. {@code Messages-Waiting: yes / Message-Account: sip:201@pbx / Voice-Message: 2/8 (0/0)}. */
    static String body(String account, MessageCounts counts) {
        // RFC 3842 §5.2: new/old, then urgent new/old in parentheses; there are no urgent messages (yet)
        return "Messages-Waiting: " + (counts.newMessages() > 0 ? "yes" : "no") + "\r\n"
                + "Message-Account: " + account + "\r\n"
                + "Voice-Message: " + counts.newMessages() + "/" + counts.savedMessages() + " (0/0)\r\n";
    }
}
