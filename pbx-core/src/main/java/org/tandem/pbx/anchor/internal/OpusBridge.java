package org.tandem.pbx.anchor.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.relay.RelayCall;
import org.tandem.media.relay.Side;
import org.tandem.media.relay.Transcoding;
import org.tandem.media.sdp.MediaDescription;

/**
 * Opus for a browser that talks to a party without it (issue 16, {@code tandem.media.browser-opus}): the relay
 * transcodes between the browser's Opus and the other party's G.711 ({@link Transcoding}). Offer/answer stays
 * RFC 3264-correct on both sides, on the primary audio stream:
 * <ul>
 * <li>An offer <em>to</em> a browser that has G.711 and no Opus gets Opus added in front (and telephone-event/48000
 * beside a telephone-event/8000), on payload types the offer leaves free. If the browser answers with Opus first,
 * the offerer gets a G.711 answer from its own offer (its first G.711, its events) and the relay transcodes; if the
 * browser picked a codec of the offer, what we added is taken out of its answer and nothing is transcoded.</li>
 * <li>An answer <em>from</em> a party without Opus to a browser's offer that had Opus, choosing G.711 first, reaches
 * the browser as Opus (and its telephone-event/48000 when the party took events), and the relay transcodes.</li>
 * </ul>
 * Everything else passes as negotiated, and the transcoding stops (a re-offer that settled on a shared codec). Runs
 * after {@link DtlsSides}, which says who offered, on the call's stripe.
 */
final class OpusBridge {

    private static final Logger log = LoggerFactory.getLogger(OpusBridge.class);
    private static final String OPUS = "opus/48000/2";
    private static final String EVENTS_48K = "telephone-event/48000";

    private final boolean enabled;
    private final String callId;
    /** What was added to the last offer towards a browser: its Opus and event payload types, or absent. */
    private final Map<Side, int[]> added = new EnumMap<>(Side.class);
    /** The codecs (payload type → rtpmap) of the last offer each side made. */
    private final Map<Side, Map<Integer, String>> offered = new EnumMap<>(Side.class);
    /** A browser's own numbers for Opus and its 48 kHz events, to reuse in offers to it (RFC 3264 §8.3.2). */
    private final Map<Side, int[]> browserNumbers = new EnumMap<>(Side.class);

    OpusBridge(boolean enabled, String callId) {
        this.enabled = enabled;
        this.callId = callId;
    }

    /**
     * SDP of the primary audio from {@code from}'s party on its way to the other, after {@link DtlsSides} (which says
     * whether it is an offer or an answer, and which parties are browsers) has passed it.
     */
    void passing(RelayCall relay, DtlsSides dtls, Side from, MediaDescription audio) {
        boolean fromBrowser = dtls.isDtls(from);
        boolean toBrowser = dtls.isDtls(from.other());
        if (dtls.lastWasAnswer()) {
            answer(relay, from, audio, fromBrowser, toBrowser);
        } else {
            if (fromBrowser && audio != null) remember(from, codecs(audio)); // its numbers, to reuse in offers to it
            offer(relay, from, audio, toBrowser);
        }
    }

    /**
     * An offer from {@code from} on its way to {@code to}, a browser ({@code toBrowser}) or not: remembers its codecs
     * and, for a browser without Opus in it, adds Opus.
     */
    void offer(RelayCall relay, Side from, MediaDescription audio, boolean toBrowser) {
        if (audio == null || audio.port() == 0) return;
        Map<Integer, String> codecs = codecs(audio);
        offered.put(from, codecs);
        added.remove(from.other());
        if (!enabled || !toBrowser || !relay.canTranscode()) return;
        if (find(codecs, "opus") >= 0 || firstG711(codecs) < 0) return;
        int[] own = browserNumbers.getOrDefault(from.other(), new int[] {111, 110});
        int opus = free(codecs, own[0], -1);
        if (opus < 0) return; // an offer of 32 dynamic codecs: nothing left to number Opus with
        int events = find(codecs, "telephone-event/8000") >= 0 ? free(codecs, own[1], opus) : -1;
        audio.formats().add(0, Integer.toString(opus));
        audio.addAttribute("rtpmap", opus + " " + OPUS);
        audio.addAttribute("fmtp", opus + " minptime=10;useinbandfec=1");
        if (events >= 0) {
            audio.formats().add(Integer.toString(events));
            audio.addAttribute("rtpmap", events + " " + EVENTS_48K);
            audio.addAttribute("fmtp", events + " 0-16");
        }
        added.put(from.other(), new int[] {opus, events});
    }

    /**
     * An answer from {@code from} to the other side's offer, before it goes on: rewritten where the relay transcodes,
     * and the relay told.
     */
    void answer(RelayCall relay, Side from, MediaDescription audio, boolean fromBrowser, boolean toBrowser) {
        if (audio == null) return;
        if (audio.port() == 0) {
            transcode(relay, null);
            return;
        }
        Map<Integer, String> codecs = codecs(audio);
        if (fromBrowser) remember(from, codecs);
        int[] ours = fromBrowser ? added.get(from) : null; // another branch of a fork (a desk phone) never saw it
        List<Integer> pts = audio.payloadTypes();
        if (ours != null) { // our offer to this browser had Opus added
            if (!pts.isEmpty() && pts.get(0) == ours[0]) {
                bridgeTowardsOfferer(relay, from, audio, ours, codecs);
            } else {
                for (int pt : ours) if (pt >= 0) keepOut(audio, pt); // it chose a codec of the offer: as it was
                transcode(relay, null);
            }
            return;
        }
        Map<Integer, String> offer = offered.get(from.other());
        boolean g711First = !pts.isEmpty() && (pts.get(0) == 0 || pts.get(0) == 8);
        if (enabled
                && toBrowser
                && offer != null
                && g711First
                && find(codecs, "opus") < 0
                && find(offer, "opus") >= 0
                && relay.canTranscode()) {
            bridgeTowardsBrowser(relay, from, audio, offer, codecs);
            return;
        }
        transcode(relay, null);
    }

    /** The browser answered our added Opus: the offerer gets G.711 (and events) from its own offer. */
    private void bridgeTowardsOfferer(
            RelayCall relay, Side browser, MediaDescription audio, int[] ours, Map<Integer, String> answered) {
        Map<Integer, String> offer = offered.getOrDefault(browser.other(), Map.of());
        int g711 = firstG711(offer);
        int offererEvents = find(offer, "telephone-event/8000");
        boolean events = ours[1] >= 0 && answered.containsKey(ours[1]) && offererEvents >= 0;
        List<Integer> keep = new ArrayList<>(List.of(g711));
        if (events) keep.add(offererEvents);
        replaceCodecs(audio, keep, offer);
        transcode(relay, new Transcoding(browser, ours[0], events ? ours[1] : -1, g711, events ? offererEvents : -1));
    }

    /** A party without Opus answered the browser's offer with G.711: the browser gets its own Opus back. */
    private void bridgeTowardsBrowser(
            RelayCall relay,
            Side party,
            MediaDescription audio,
            Map<Integer, String> offer,
            Map<Integer, String> answered) {
        int g711 = audio.payloadTypes().get(0);
        int opus = find(offer, "opus");
        int browserEvents = find(offer, EVENTS_48K);
        int partyEvents = find(answered, "telephone-event/8000");
        boolean events = browserEvents >= 0 && partyEvents >= 0;
        List<Integer> keep = new ArrayList<>(List.of(opus));
        if (events) keep.add(browserEvents);
        replaceCodecs(audio, keep, offer);
        transcode(
                relay,
                new Transcoding(party.other(), opus, events ? browserEvents : -1, g711, events ? partyEvents : -1));
    }

    private void transcode(RelayCall relay, Transcoding transcoding) {
        if (transcoding == null && relay.transcoding() == null) return;
        relay.transcode(transcoding);
        if (transcoding != null) log.debug("Call {}: the relay transcodes {}", callId, transcoding);
    }

    private void remember(Side browser, Map<Integer, String> codecs) {
        int opus = find(codecs, "opus");
        int events = find(codecs, EVENTS_48K);
        if (opus >= 0) browserNumbers.put(browser, new int[] {opus, events >= 0 ? events : 110});
    }

    /** The m-line's codecs become {@code keep}, in that order, with the rtpmap and fmtp lines {@code source} gives. */
    private static void replaceCodecs(MediaDescription audio, List<Integer> keep, Map<Integer, String> source) {
        Map<Integer, String> fmtps = new HashMap<>();
        for (int pt : keep) {
            String f = audio.fmtp(pt);
            if (f != null) fmtps.put(pt, f);
        }
        for (String a : List.of("rtpmap", "fmtp", "rtcp-fb")) audio.removeAttributes(a);
        audio.formats().clear();
        for (int pt : keep) {
            audio.formats().add(Integer.toString(pt));
            String map = source.get(pt);
            if (map != null) audio.addAttribute("rtpmap", pt + " " + map);
            String f = fmtps.get(pt);
            if (f == null && map != null && map.toLowerCase(Locale.ROOT).startsWith("telephone-event")) f = "0-16";
            if (f == null && map != null && map.equalsIgnoreCase(OPUS)) f = "minptime=10;useinbandfec=1";
            if (f != null) audio.addAttribute("fmtp", pt + " " + f);
        }
    }

    /** Payload type {@code pt} taken out of the m-line with its attributes. */
    private static void keepOut(MediaDescription audio, int pt) {
        audio.formats().remove(Integer.toString(pt));
        String prefix = pt + " ";
        audio.lines()
                .removeIf(l -> l.type() == 'a'
                        && List.of("rtpmap", "fmtp", "rtcp-fb").contains(l.attributeName())
                        && l.attributeValue().startsWith(prefix));
    }

    /** Payload type → rtpmap, static types without one named as RFC 3551 §6 does. */
    static Map<Integer, String> codecs(MediaDescription audio) {
        Map<Integer, String> maps = audio.rtpmaps();
        Map<Integer, String> all = new LinkedHashMap<>();
        for (int pt : audio.payloadTypes()) {
            String map = maps.get(pt);
            if (map == null && pt == 0) map = "PCMU/8000";
            if (map == null && pt == 8) map = "PCMA/8000";
            if (map != null) all.put(pt, map.trim());
        }
        return all;
    }

    /** The first payload type whose rtpmap starts with {@code name} (case-insensitive), or -1. */
    private static int find(Map<Integer, String> codecs, String name) {
        for (Map.Entry<Integer, String> e : codecs.entrySet()) {
            if (e.getValue().toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT))) return e.getKey();
        }
        return -1;
    }

    private static int firstG711(Map<Integer, String> codecs) {
        for (Map.Entry<Integer, String> e : codecs.entrySet()) {
            String name = e.getValue().toUpperCase(Locale.ROOT);
            if ((e.getKey() == 0 && name.startsWith("PCMU/8000"))
                    || (e.getKey() == 8 && name.startsWith("PCMA/8000"))) {
                return e.getKey();
            }
        }
        return -1;
    }

    /** {@code wanted} when the offer does not use it (nor {@code also}), else the first free dynamic type, or -1. */
    private static int free(Map<Integer, String> used, int wanted, int also) {
        if (wanted >= 96 && wanted <= 127 && !used.containsKey(wanted) && wanted != also) return wanted;
        for (int pt = 96; pt <= 127; pt++) {
            if (!used.containsKey(pt) && pt != also) return pt;
        }
        return -1;
    }
}
