package org.tandem.media.sdp;

import java.util.ArrayList;
import java.util.List;

/** Finding and replacing lines in one level (session or media) of a description. */
final class SdpLines {

    private SdpLines() {}

    static SdpLine first(List<SdpLine> lines, char type) {
        for (SdpLine l : lines) {
            if (l.type() == type) return l;
        }
        return null;
    }

    static List<String> attributes(List<SdpLine> lines, String name) {
        List<String> values = new ArrayList<>();
        for (SdpLine l : lines) {
            if (name.equalsIgnoreCase(l.attributeName())) values.add(l.attributeValue());
        }
        return values;
    }

    static void removeAttributes(List<SdpLine> lines, String name) {
        lines.removeIf(l -> name.equalsIgnoreCase(l.attributeName()));
    }

    /**
     * Replaces the first line of {@code line}'s type; when there is none, inserts it after the last line whose type is
     * in {@code after} (RFC 4566 §5 fixes the order of line types), or first.
     */
    static void put(List<SdpLine> lines, SdpLine line, String after) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).type() == line.type()) {
                lines.set(i, line);
                return;
            }
        }
        int at = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (after.indexOf(lines.get(i).type()) >= 0) at = i + 1;
        }
        lines.add(at, line);
    }

    /** Replaces the first attribute named {@code name}, or appends {@code a=name[:value]}. */
    static void putAttribute(List<SdpLine> lines, String name, String value) {
        SdpLine line = new SdpLine('a', value == null || value.isEmpty() ? name : name + ":" + value);
        for (int i = 0; i < lines.size(); i++) {
            if (name.equalsIgnoreCase(lines.get(i).attributeName())) {
                lines.set(i, line);
                return;
            }
        }
        lines.add(line);
    }
}
