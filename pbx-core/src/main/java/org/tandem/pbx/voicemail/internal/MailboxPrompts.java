package org.tandem.pbx.voicemail.internal;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.tandem.pbx.prompt.Counted;
import org.tandem.pbx.prompt.LanguagePrompts;
import org.tandem.pbx.voicemail.MessageCounts;
import org.tandem.pbx.voicemail.VoicemailMessage;

/**
 * What the voicemail menu says, in the box owner's language once the box is known (*97 at once, *98 after login),
 * else the system language: the single prompts, the message summary and each message's envelope. The menu's
 * states ({@link MailboxMenu}) decide when; this class only decides the words.
 */
final class MailboxPrompts {

    private LanguagePrompts speech;
    /** the appliance's time zone, for "received Monday at 9 30 A M" */
    private ZoneId zone = ZoneId.of("UTC");

    MailboxPrompts(LanguagePrompts speech) {
        this.speech = speech;
    }

    /** The box is known: speak its owner's language and say the times in the appliance's zone. */
    void loggedIn(LanguagePrompts ownersLanguage) {
        this.speech = ownersLanguage;
    }

    void zone(ZoneId zone) {
        this.zone = zone;
    }

    short[] get(String id) {
        return speech.get(id);
    }

    List<short[]> of(String... ids) {
        List<short[]> said = new ArrayList<>();
        for (String id : ids) said.add(get(id));
        return said;
    }

    /** "You have 2 new messages and 1 saved message", then the main menu's choices. */
    List<short[]> mainMenu(MessageCounts c) {
        List<short[]> said = new ArrayList<>();
        if (c.newMessages() == 0 && c.savedMessages() == 0) {
            said.add(get("vm-no-messages"));
        } else {
            said.add(get("vm-you-have"));
            said.addAll(speech.count(c.newMessages(), Counted.NEW_MESSAGES));
            if (c.savedMessages() > 0) {
                said.add(get("vm-and"));
                said.addAll(speech.count(c.savedMessages(), Counted.SAVED_MESSAGES));
            }
        }
        said.add(get("vm-main-menu"));
        return said;
    }

    /**
     * "First message. Message from 2 0 1, received Monday at 9 30 A M": the envelope of message {@code index}
     * of {@code count}; {@code announce} names its place (first, next, last), as when moving to it.
     */
    List<short[]> envelope(VoicemailMessage m, int index, int count, boolean announce) {
        List<short[]> envelope = new ArrayList<>();
        if (announce)
            envelope.add(
                    get(index == 0 ? "vm-first-message" : index == count - 1 ? "vm-last-message" : "vm-next-message"));
        envelope.add(get("vm-message-from"));
        if (m.caller() == null || m.caller().isBlank()) envelope.add(get("vm-caller-unknown"));
        else envelope.addAll(speech.digits(m.caller()));
        envelope.add(get("vm-received"));
        envelope.addAll(speech.dayAndTime(m.receivedAt().atZone(zone)));
        return envelope;
    }

    /** The prompts named, then "goodbye". */
    List<short[]> goodbye(String... first) {
        List<short[]> said = of(first);
        said.add(get("goodbye"));
        return said;
    }
}
