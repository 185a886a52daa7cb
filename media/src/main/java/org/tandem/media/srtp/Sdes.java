package org.tandem.media.srtp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tandem.media.sdp.MediaDescription;

/** SDES offer/answer (RFC 4568 §6, §7) over the one SDP model. */
public final class Sdes {

    private Sdes() {}

    /** What an answerer chose: the offerer's key (to decrypt what it sends) and ours under the same tag. */
    public record Choice(SdesCrypto remote, SdesCrypto local) {}

    /** RFC 3711 §9 / RFC 4568 §7.1: SDES belongs to the RTP/SAVP and RTP/SAVPF profiles (not DTLS's UDP/TLS/...). */
    public static boolean isSdesProfile(String proto) {
        return "RTP/SAVP".equals(proto) || "RTP/SAVPF".equals(proto);
    }

    /** The profile of plain RTP that corresponds to a secure one: RTP/SAVP→RTP/AVP, RTP/SAVPF→RTP/AVPF. */
    public static String plainProfile(String proto) {
        return proto.replace("RTP/SAVP", "RTP/AVP");
    }

    /** The secure profile for a plain one: RTP/AVP→RTP/SAVP, RTP/AVPF→RTP/SAVPF. */
    public static String secureProfile(String proto) {
        return proto.replace("RTP/AVP", "RTP/SAVP");
    }

    /**
     * RFC 4568 §7.1.2: the answerer picks the first a=crypto line of the offer it supports (the offerer lists them in
     * order of preference) and answers with one line of the same tag and suite, carrying its own fresh key.
     *
     * @throws SdesException no line is acceptable; the message says why for each, for the 488's Warning
     */
    public static Choice answer(MediaDescription offer) {
        List<String> lines = offer.attributes("crypto");
        if (lines.isEmpty())
            throw new SdesException(offer.proto() + " offer without a=crypto: no SDES key (RFC 4568 §5)");
        List<String> reasons = new ArrayList<>();
        Set<Integer> tags = new HashSet<>();
        for (String line : lines) {
            try {
                SdesCrypto remote = SdesCrypto.parse(line);
                // RFC 4568 §9.1: the tag identifies the line within the media description; a repeat is an error
                if (!tags.add(remote.tag()))
                    throw new SdesException("a=crypto tag " + remote.tag() + " used twice (RFC 4568 §9.1)");
                return new Choice(remote, SdesCrypto.generate(remote.tag(), remote.suite()));
            } catch (SdesException e) {
                reasons.add(e.getMessage());
            }
        }
        throw new SdesException("no acceptable a=crypto: " + String.join("; ", reasons));
    }

    /**
     * The offerer's side of RFC 4568 §7.1.3: the answer's single a=crypto line must carry one of the offered tags with
     * the suite offered under it; the returned crypto is the answerer's key (to decrypt what it sends).
     *
     * @throws SdesException the answer has no, several, or an unmatched a=crypto line
     */
    public static SdesCrypto accepted(List<SdesCrypto> offered, MediaDescription answer) {
        List<String> lines = answer.attributes("crypto");
        if (lines.size() != 1) {
            throw new SdesException(
                    "an SRTP answer must carry exactly one a=crypto line (RFC 4568 §7.1.3), got " + lines.size());
        }
        SdesCrypto remote = SdesCrypto.parse(lines.get(0));
        for (SdesCrypto o : offered) {
            if (o.tag() == remote.tag()) {
                if (o.suite() != remote.suite()) {
                    throw new SdesException("answer's a=crypto tag " + remote.tag() + " names " + remote.suite()
                            + " but " + o.suite() + " was offered under it (RFC 4568 §7.1.3)");
                }
                return remote;
            }
        }
        throw new SdesException("answer's a=crypto tag " + remote.tag() + " was not offered (RFC 4568 §7.1.3)");
    }

    /** Replaces the section's a=crypto lines with {@code keys} (ours: never a party's key, RFC 4568 §8.1). */
    public static void putKeys(MediaDescription m, List<SdesCrypto> keys) {
        m.removeAttributes("crypto");
        for (SdesCrypto k : keys) m.addAttribute("crypto", k.format());
    }
}
