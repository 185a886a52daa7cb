package org.tandem.media.relay;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * The relay's settings, beside the media engine's under {@code tandem.media.*}.
 *
 * @param relay             auto, always or never; see {@link RelayMode}
 * @param localNetworks     CIDRs of the office networks (e.g. 192.168.1.0/24); a party outside them, or whose SDP
 *                          address differs from where its SIP came from, is anchored in auto mode. Empty:
 *                          the subnets of this host's own interfaces
 * @param deadStreamTimeout a relayed call whose party sends no RTP this long (not while held) is hung up
 * @param latchAnyAddress   latch onto the first source of any address, not only the party's signalling or SDP IP
 *                          (for parties whose media leaves from another public IP than their SIP). Off, a third
 *                          party cannot hijack or inject into a stream (RTP bleed)
 * @param relayThreads      threads copying datagrams (one selector each), 1-16
 * @param browserOpus       a browser (WebRTC) party talking to a phone, trunk or service without Opus still gets Opus
 *                          (RFC 7874 §3: what browsers do best on lossy networks) and the relay transcodes it to and
 *                          from G.711 ({@link Transcoding}); false: the codec both parties share (G.711),
 *                          end to end, no transcoding
 */
@ConfigurationProperties("tandem.media")
public record RelayProperties(
        @DefaultValue("auto") RelayMode relay,
        @DefaultValue List<String> localNetworks,
        @DefaultValue("30s") Duration deadStreamTimeout,
        @DefaultValue("false") Boolean latchAnyAddress,
        @DefaultValue("1") Integer relayThreads,
        @DefaultValue("true") Boolean browserOpus) {

    @ConstructorBinding // the canonical one, not the short one below
    public RelayProperties {
        if (relay == null) relay = PropertyDefaults.of(RelayProperties.class, "relay");
        localNetworks = localNetworks == null ? List.of() : List.copyOf(localNetworks);
        if (deadStreamTimeout == null)
            deadStreamTimeout = PropertyDefaults.of(RelayProperties.class, "deadStreamTimeout");
        if (deadStreamTimeout.isNegative() || deadStreamTimeout.isZero()) {
            throw new IllegalArgumentException(
                    "tandem.media.dead-stream-timeout must be positive (got " + deadStreamTimeout + ")");
        }
        if (latchAnyAddress == null) latchAnyAddress = PropertyDefaults.of(RelayProperties.class, "latchAnyAddress");
        if (relayThreads == null) relayThreads = PropertyDefaults.of(RelayProperties.class, "relayThreads");
        if (browserOpus == null) browserOpus = PropertyDefaults.of(RelayProperties.class, "browserOpus");
        if (relayThreads < 1 || relayThreads > 16) {
            throw new IllegalArgumentException("tandem.media.relay-threads must be 1-16 (got " + relayThreads + ")");
        }
    }

    public RelayProperties(
            RelayMode relay,
            List<String> localNetworks,
            Duration deadStreamTimeout,
            Boolean latchAnyAddress,
            Integer relayThreads) {
        this(relay, localNetworks, deadStreamTimeout, latchAnyAddress, relayThreads, null);
    }

    public static RelayProperties defaults() {
        return new RelayProperties(null, null, null, null, null, null);
    }
}
