package org.tandem.pbx.anchor.internal;

import java.util.List;
import java.util.Locale;
import org.tandem.media.relay.RelayMode;
import org.tandem.pbx.anchor.MediaAnchor.Party;
import org.tandem.pbx.sip.IpLiterals;

/**
 * When a call's media goes through the relay ({@code tandem.media.relay}). In auto mode, as Kamailio's nathelper
 * tests a party (nat_uac_test) and FreePBX's {@code direct_media=no} for remote phones: a party is anchored when it is
 * behind NAT — the address it puts in its Contact or SDP is not where its SIP comes from — or when its SIP comes from
 * outside the local networks; and a call to a provider outside the local networks is anchored.
 */
public final class AnchorPolicy {

    private final RelayMode mode;
    private final LocalNetworks local;

    public AnchorPolicy(RelayMode mode, LocalNetworks local) {
        this.mode = mode;
        this.local = local;
    }

    /**
     * @param providers the provider host of each branch to a trunk (null: unknown, so treated as outside)
     */
    boolean anchors(Party caller, String callerSdpAddress, List<Party> callees, List<String> providers) {
        return switch (mode) {
            case NEVER -> false;
            case ALWAYS -> true;
            case AUTO ->
                anyProviderOutside(providers) || needsRelay(caller, callerSdpAddress) || anyNeedsRelay(callees);
        };
    }

    // plain loops: once per call, where the streams and their lambdas cost as much as the tests (issue 23)
    private boolean anyProviderOutside(List<String> providers) {
        for (String p : providers) {
            if (p == null || !local.isLocal(p)) return true;
        }
        return false;
    }

    private boolean anyNeedsRelay(List<Party> callees) {
        for (Party c : callees) {
            if (needsRelay(c, null)) return true;
        }
        return false;
    }

    /** False when the relay is off ({@code never}): not even a recorded call is anchored then. */
    boolean mayAnchor() {
        return mode != RelayMode.NEVER;
    }

    /** True for an address outside the local networks (an IP literal; names are not judged). */
    boolean isOutside(String host) {
        if (host == null || host.isBlank()) return false;
        String h = bare(host);
        return IpLiterals.isIpLiteral(h) && !local.isLocal(h);
    }

    /** True for a party behind NAT or outside the local networks. */
    boolean needsRelay(Party party, String sdpAddress) {
        if (party == null || party.signallingHost() == null) return false;
        String source = bare(party.signallingHost());
        if (!local.isLocal(source)) return true;
        if (differs(party.contactHost(), source)) return true;
        return sdpAddress != null && !"0.0.0.0".equals(sdpAddress) && differs(sdpAddress, source);
    }

    /** An IP literal other than {@code source}; a host name in a Contact says nothing about NAT. */
    private static boolean differs(String host, String source) {
        if (host == null || host.isBlank()) return false;
        String h = bare(host);
        if (!IpLiterals.isIpLiteral(h)) return false;
        return !h.equals(source);
    }

    private static String bare(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
