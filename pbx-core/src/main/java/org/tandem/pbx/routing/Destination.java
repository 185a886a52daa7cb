package org.tandem.pbx.routing;

import java.util.Locale;
import java.util.regex.Pattern;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Where the dial plan can send a call. Stored and exchanged as text, {@code type:value}
 * ({@code extension:201}, {@code ringgroup:600}, {@code voicemail:201}, {@code conference:800},
 * {@code ivr:main}, {@code queue:700}, {@code time:office}, {@code page:750}, {@code external:+4930123456},
 * {@code hangup}). Voicemail, conference, IVR, queues and paging are answered by the media services
 * ({@link ServedDestination} beans; a kind none serves is refused
 * with 480). A time
 * condition is resolved by the dial plan, at call time, to its open or closed destination.
 */
public sealed interface Destination {

    /** A local user: all of their devices, subject to their forwarding and do-not-disturb settings. */
    record Extension(String extension) implements Destination {
        private static final String PREFIX = "extension:";

        public String toString() {
            return textOf(extension);
        }

        /** The text of extension {@code number}'s destination ({@code extension:201}). */
        public static String textOf(String number) {
            return PREFIX + number;
        }

        /**
         * The extension a destination's text names ({@code extension:201}: 201), or null for any other text. Unlike
         * {@link Destination#parse} it checks nothing and throws nothing: for texts the appliance wrote itself (a ring
         * step's, a call record's) and for lists that may name an extension either way.
         */
        public static String numberIn(String text) {
            return text != null && text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : null;
        }
    }

    /** A ring group, by its number. */
    record RingGroup(String number) implements Destination {
        public String toString() {
            return "ringgroup:" + number;
        }
    }

    /** A voicemail box (the user's extension): leave a message there. */
    record Voicemail(String box) implements Destination {
        public String toString() {
            return "voicemail:" + box;
        }
    }

    /** A conference room, by its number. */
    record Conference(String room) implements Destination {
        public String toString() {
            return "conference:" + room;
        }
    }

    /** An IVR menu (auto attendant), by its name. */
    record IvrMenu(String menu) implements Destination {
        public String toString() {
            return "ivr:" + menu;
        }
    }

    /** A call queue (ACD), by its number: the caller waits on music until an agent answers. */
    record Queue(String number) implements Destination {
        public String toString() {
            return "queue:" + number;
        }
    }

    /** A call park orbit: dialling it retrieves the call parked there; a transfer to it parks the call there. */
    record ParkOrbit(String orbit) implements Destination {
        public String toString() {
            return "park:" + orbit;
        }
    }

    /** A paging group, by its number: its members' phones answer at once on the speaker and hear the caller. */
    record Paging(String group) implements Destination {
        public String toString() {
            return "page:" + group;
        }
    }

    /** A time condition, by its name: its open or its closed destination, whichever applies when the call comes. */
    record TimeCondition(String name) implements Destination {
        public String toString() {
            return "time:" + name;
        }
    }

    /** A number outside the PBX, reached through the outbound routes and their trunks. */
    record External(String number) implements Destination {
        public String toString() {
            return "external:" + number;
        }
    }

    /** Refuse the call (603 Decline); e.g. the fallback of a closed line. */
    record Hangup() implements Destination {
        public String toString() {
            return "hangup";
        }
    }

    Pattern LOCAL_ID = Pattern.compile("[A-Za-z0-9_.-]{1,32}");
    Pattern NUMBER = Pattern.compile("\\+?[0-9*#]{1,32}");

    /**
     * Parses the text form.
     *
     * @param field the name of the form/API field, for the error message
     * @throws InvalidInputException naming {@code field} when the text is not a destination
     */
    static Destination parse(String text, String field) {
        if (text == null || text.isBlank()) throw invalid(field, "common.required");
        String t = text.strip();
        if (t.equalsIgnoreCase("hangup")) return new Hangup();
        int colon = t.indexOf(':');
        if (colon <= 0) throw invalid(field, "destination.form");
        String type = t.substring(0, colon).toLowerCase(Locale.ROOT);
        String value = t.substring(colon + 1).strip();
        Pattern rule = "external".equals(type) ? NUMBER : LOCAL_ID;
        if (!rule.matcher(value).matches()) {
            throw "external".equals(type)
                    ? invalid(field, "destination.external-number", value)
                    : invalid(field, "destination.local-id", value, type);
        }
        return switch (type) {
            case "extension" -> new Extension(value);
            case "ringgroup" -> new RingGroup(value);
            case "voicemail" -> new Voicemail(value);
            case "conference" -> new Conference(value);
            case "ivr" -> new IvrMenu(value);
            case "time" -> new TimeCondition(value);
            case "park" -> new ParkOrbit(value);
            case "queue" -> new Queue(value);
            case "page" -> new Paging(value);
            case "external" -> new External(value);
            default -> throw invalid(field, "destination.unknown-type", type);
        };
    }

    private static InvalidInputException invalid(String field, String key, Object... args) {
        return new InvalidInputException(field, key, args);
    }
}
