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
 * <li>{@code Alert-Info: <http://127.0.0.1>;info=alert-autoanswer;delay=0}: Snom D-series (intercom/paging wiki,
 *     {@code https://service.snom.com/display/wiki/Intercom+-+Paging+feature}, with {@code answer_after_policy}),
 *     Yealink T2x/T4x/T5x (administrator guide, "Auto Answer": {@code info=alert-autoanswer}, also
 *     {@code http://support.yealink.com/faq/faqInfo?id=546}), Polycom VVX (a {@code voIpProt.SIP.alertInfo.x.value}
 *     mapped to {@code voIpProt.SIP.alertInfo.x.class = autoAnswer} in the phone's configuration).</li>
 * </ul>
 * A phone answers only if its own setting allows it (Snom {@code answer_after_policy}, Grandstream "Allow Auto
 * Answer by Call-Info", Yealink {@code account.X.auto_answer}-independent): the provisioning templates set them.
 */
public final class AutoAnswer {

    private AutoAnswer() {
    }

    /** The headers, as {@code name} and {@code value}, for the PBX serving {@code domain}. */
    public static List<String[]> headers(String domain) {
        return List.of(new String[] {"Call-Info", "<sip:" + domain + ">;answer-after=0"},
                new String[] {"Alert-Info", "<http://127.0.0.1>;info=alert-autoanswer;delay=0"});
    }

    /**
     * Whether a caller's own {@code Call-Info} / {@code Alert-Info} value asks for auto-answer: only the PBX may
     * (a caller could otherwise open any phone's microphone), so the proxy removes such values.
     */
    public static boolean asksForAutoAnswer(String value) {
        String v = value == null ? "" : value.toLowerCase(Locale.ROOT).replace(" ", "");
        return v.contains("answer-after") || v.contains("autoanswer") || v.contains("auto-answer")
                || v.contains("intercom") || v.contains("ring-answer");
    }
}
