package org.tandem.pbx.routing;

import java.util.List;
import java.util.Locale;

/**
 * The headers that make desk phones answer a call at once on their speaker (intercom, paging). No standard covers
 * it (RFC 7462 Alert-Info URNs have no auto-answer); each vendor documents its own, and every one of them accepts
 * one of these two, so both go into every auto-answered INVITE:
 * <ul>
 * <li>{@code Call-Info: <sip:DOMAIN>;answer-after=0} (the RFC 3261 §20.9 header with the de-facto parameter):
 *     Grandstream GXP/GRP ("Allow Auto Answer by Call-Info", administration guide of the GXP21xx), Cisco SPA/MPP 3PCC
 *     and Fanvil X ("auto answer by Call-Info" in their web UI; not confirmed from a vendor document here),
 *     Gigaset/Snom-Maxwell ({@code https://teamwork.gigaset.com/gigawiki/pages/viewpage.action?pageId=932806938});</li>
 * <li>{@code Alert-Info: <http://127.0.0.1/autoanswer>;info=alert-autoanswer;delay=0}: Snom D-series (intercom/paging
 *     wiki, {@code https://service.snom.com/display/wiki/Intercom+-+Paging+feature}, with {@code answer_after_policy}),
 *     Yealink T2x/T4x/T5x (administrator guide, "Auto Answer": {@code info=alert-autoanswer}, also
 *     {@code http://support.yealink.com/faq/faqInfo?id=546}), Polycom VVX (its {@code voIpProt.SIP.alertInfo.x.value}
 *     is compared with the Alert-Info value and mapped to {@code voIpProt.SIP.alertInfo.x.class = autoAnswer}: the
 *     value is {@link #ALERT_INFO_URI}, which the proxy removes from every caller's Alert-Info).</li>
 * </ul>
 * A phone answers only if its own setting allows it; the provisioning templates set Snom {@code answer_after_policy}
 * (off by default since 7.1.39), Yealink {@code features.intercom.allow}, Grandstream P298 (account 1; default No)
 * and Polycom's alert-info class. Cisco ("Auto Answer Page") and Fanvil ("Enable Intercom") answer by their
 * defaults; their templates do not set it (no vendor parameter reference for it was found).
 */
public final class AutoAnswer {

    /** The Alert-Info URI: Polycom matches it ({@code voIpProt.SIP.alertInfo.1.value} of the provisioning template). */
    public static final String ALERT_INFO_URI = "http://127.0.0.1/autoanswer";

    private AutoAnswer() {}

    /** The headers, as {@code name} and {@code value}, for the PBX serving {@code domain}. */
    public static List<String[]> headers(String domain) {
        return List.of(
                new String[] {"Call-Info", "<sip:" + domain + ">;answer-after=0"},
                new String[] {"Alert-Info", "<" + ALERT_INFO_URI + ">;info=alert-autoanswer;delay=0"});
    }

    /**
     * Headers of RFC 5373 by which a caller asks the callee to answer by itself: {@code Answer-Mode: Auto} (§7) and
     * {@code Priv-Answer-Mode: Auto} (§8, which also overrides the callee's do-not-disturb). Tandem never sends them
     * and the proxy removes them from every caller's INVITE, as it removes the values {@link #asksForAutoAnswer} finds.
     */
    public static final List<String> CALLER_ANSWER_MODE_HEADERS = List.of("Answer-Mode", "Priv-Answer-Mode");

    /**
     * Whether a caller's own {@code Call-Info} / {@code Alert-Info} value asks for auto-answer: only the PBX may
     * (a caller could otherwise open any phone's microphone), so the proxy removes such values. Compared without case,
     * spaces, hyphens and underscores, so each vendor's spelling is caught: {@code answer-after=0}, {@code
     * info=alert-autoanswer}, {@code Auto Answer} (Yealink), {@code Ring Answer} (AudioCodes 400HD administrator's
     * manual, "Configuring Automatic Answer"; Gigaset Maxwell, with Call-Info), {@code intercom=true} (Yealink).
     */
    public static boolean asksForAutoAnswer(String value) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT).replaceAll("[ \\t_-]", "");
        return v.contains("answerafter")
                || v.contains("autoanswer")
                || v.contains("intercom")
                || v.contains("ringanswer");
    }
}
