package org.tandem.pbx.routing;

/** The feature codes and their default codes (configurable, see {@link RoutingDirectory#featureCodes()}). */
public enum Feature {
    /** Own voicemail box. */
    VOICEMAIL_OWN("*97"),
    /** Any voicemail box (asks for the box and its PIN). */
    VOICEMAIL_ANY("*98"),
    /**
     * Leave a message in a box without ringing its phones: the code followed by the box, e.g. *99201 (where a
     * transfer to someone's voicemail goes).
     */
    VOICEMAIL_LEAVE("*99"),
    /** Forward all calls: the code followed by the target number, e.g. *72 0171234567. */
    FORWARD_ON("*72"),
    FORWARD_OFF("*73"),
    DND_ON("*78"),
    DND_OFF("*79"),
    /** Pick up a call ringing in one's pickup group. */
    PICKUP_GROUP("*8"),
    /** Pick up the call ringing at one extension: the code followed by it, e.g. **201. */
    PICKUP_DIRECTED("**"),
    /**
     * Park the call: transfer it to this code and it waits in the next free orbit (see the park settings); followed by
     * an orbit, e.g. *70691, in that orbit (where the operator panel parks a call it moves onto an orbit's line).
     */
    PARK("*70"),
    /** Intercom: the code followed by an extension, e.g. *80201; its phones answer at once on the speaker. */
    INTERCOM("*80"),
    /**
     * Day/night: switches the office between day and night service (every time condition forced open or closed
     * until its schedule next changes), as the dashboard's switch does.
     */
    DAY_NIGHT("*28"),
    /** Queue agent login: the code followed by the queue, e.g. *45700; the caller takes that queue's calls. */
    QUEUE_LOGIN("*45"),
    /** Queue agent logout: the code followed by the queue, e.g. *46700. */
    QUEUE_LOGOUT("*46"),
    /**
     * Queue agent pause: the code alone pauses the caller in every queue they are an agent of, followed by a queue
     * (e.g. *47700) only in that one; queue calls do not ring a paused agent.
     */
    QUEUE_PAUSE("*47"),
    /** Queue agent resume: the code alone, or followed by a queue, e.g. *48700. */
    QUEUE_UNPAUSE("*48");

    private final String defaultCode;

    Feature(String defaultCode) {
        this.defaultCode = defaultCode;
    }

    public String defaultCode() {
        return defaultCode;
    }

    /** The feature in words, as the admin pages name it ("Do not disturb off", not DND_OFF). */
    public String label() {
        return switch (this) {
            case VOICEMAIL_OWN -> "Own voicemail";
            case VOICEMAIL_ANY -> "Any voicemail box";
            case VOICEMAIL_LEAVE -> "Leave a message in a box";
            case FORWARD_ON -> "Forward all calls on";
            case FORWARD_OFF -> "Forward all calls off";
            case DND_ON -> "Do not disturb on";
            case DND_OFF -> "Do not disturb off";
            case PICKUP_GROUP -> "Pick up in my group";
            case PICKUP_DIRECTED -> "Pick up an extension";
            case PARK -> "Park a call";
            case INTERCOM -> "Intercom to an extension (auto-answered)";
            case DAY_NIGHT -> "Switch between day and night service";
            case QUEUE_LOGIN -> "Log in to a queue as an agent";
            case QUEUE_LOGOUT -> "Log out of a queue";
            case QUEUE_PAUSE -> "Pause as a queue agent";
            case QUEUE_UNPAUSE -> "Resume as a queue agent";
        };
    }

    /** Whether the code is followed by a number (a target or an extension). */
    public boolean takesArgument() {
        return this == FORWARD_ON
                || this == PICKUP_DIRECTED
                || this == INTERCOM
                || this == VOICEMAIL_LEAVE
                || this == PARK
                || this == QUEUE_LOGIN
                || this == QUEUE_LOGOUT
                || this == QUEUE_PAUSE
                || this == QUEUE_UNPAUSE;
    }
}
