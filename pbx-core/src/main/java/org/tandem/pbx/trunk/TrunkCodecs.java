package org.tandem.pbx.trunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The codec names a trunk's allowed-codec list may hold: the encoding names of {@code a=rtpmap} (RFC 4566 §6), as
 * Asterisk and FreePBX admins know them from {@code allow=}. Audio codecs, plus comfort noise (RFC 3389), which is no
 * codec to talk with. DTMF (RFC 4733 {@code telephone-event}) is not in the list: the trunk's {@link DtmfMode} decides.
 */
public final class TrunkCodecs {

    /** Encoding name as written in SDP → RFC 3551 §6 static payload type (-1: dynamic only). */
    private static final Map<String, Integer> AUDIO = new LinkedHashMap<>();

    static {
        AUDIO.put("PCMA", 8);
        AUDIO.put("PCMU", 0);
        AUDIO.put("G722", 9);
        AUDIO.put("G729", 18);
        AUDIO.put("GSM", 3);
        AUDIO.put("iLBC", -1);
        AUDIO.put("opus", -1);
    }

    /** Comfort noise (RFC 3389), static payload type 13. */
    public static final String COMFORT_NOISE = "CN";
    /** RFC 4733 DTMF events. */
    public static final String TELEPHONE_EVENT = "telephone-event";

    private TrunkCodecs() {}

    /** Every name an allowed-codec list may hold, audio codecs first. */
    public static List<String> known() {
        List<String> all = new ArrayList<>(AUDIO.keySet());
        all.add(COMFORT_NOISE);
        return List.copyOf(all);
    }

    /** The name as Tandem writes it ("pcma" → "PCMA", "OPUS" → "opus"), or null when it is no known codec. */
    public static String canonical(String name) {
        if (name == null) return null;
        String n = name.strip();
        for (String k : known()) {
            if (k.equalsIgnoreCase(n)) return k;
        }
        return null;
    }

    public static boolean isAudio(String canonicalName) {
        return AUDIO.containsKey(canonicalName);
    }

    /**
     * The encoding name of payload type {@code pt} in an m= section: its rtpmap's name (RFC 4566 §6), else the RFC 3551
     * static assignment; null when neither says.
     */
    public static String encodingOf(int pt, String rtpmap) {
        if (rtpmap != null) return rtpmap.split("/")[0].strip();
        if (pt == 13) return COMFORT_NOISE;
        for (Map.Entry<String, Integer> e : AUDIO.entrySet()) {
            if (e.getValue() == pt) return e.getKey();
        }
        return null;
    }

    /** Case-insensitive match of an SDP encoding name with a list entry (RFC 4855 §3: names are case-insensitive). */
    public static boolean same(String encoding, String name) {
        return encoding != null && encoding.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
    }
}
