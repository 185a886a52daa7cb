package org.tandem.media;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.media.host.HostAddress;
import org.tandem.settings.PropertyDefaults;

/**
 * {@code tandem.media.*}.
 *
 * @param rtpPortMin        lowest RTP port (rounded up to even; RTCP uses RTP + 1)
 * @param rtpPortMax        highest port of the range
 * @param bindAddress       address the RTP sockets bind to; blank = the default
 * @param advertisedAddress address put in the answer's c= line (and the relay's, for parties on the LAN). Default:
 *                          the bind address, or when binding to the wildcard empty: the host's address as it is at the
 *                          time ({@link org.tandem.media.host.HostAddress}, followed without restart; the appliance's
 *                          application.yml makes it tandem.sip.advertised-address when that is set).
 * @param rtpTimeout        close a session (and tell its owner) after this long without RTP from a
 *                          far end that should be sending
 * @param recordingDir      where recordings are written before the caller takes them. Default: java.io.tmpdir.
 */
@ConfigurationProperties("tandem.media")
public record MediaProperties(
        @DefaultValue("10000") Integer rtpPortMin,
        @DefaultValue("20000") Integer rtpPortMax,
        @DefaultValue("0.0.0.0") String bindAddress,
        String advertisedAddress,
        @DefaultValue("30s") Duration rtpTimeout,
        Path recordingDir) {

    public MediaProperties {
        if (rtpPortMin == null) rtpPortMin = PropertyDefaults.of(MediaProperties.class, "rtpPortMin");
        if (rtpPortMax == null) rtpPortMax = PropertyDefaults.of(MediaProperties.class, "rtpPortMax");
        if (rtpPortMin % 2 != 0) rtpPortMin = rtpPortMin + 1;
        if (rtpPortMin < 1024 || rtpPortMax > 65535 || rtpPortMax < rtpPortMin + 1) {
            throw new IllegalArgumentException("tandem.media.rtp-port-min/max must give at least one even/odd pair"
                    + " within 1024-65535 (got " + rtpPortMin + "-" + rtpPortMax + ")");
        }
        if (bindAddress == null || bindAddress.isBlank())
            bindAddress = PropertyDefaults.of(MediaProperties.class, "bindAddress");
        if (advertisedAddress == null || advertisedAddress.isBlank()) {
            advertisedAddress = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "" : bindAddress;
        }
        if (rtpTimeout == null) rtpTimeout = PropertyDefaults.of(MediaProperties.class, "rtpTimeout");
        if (recordingDir == null || recordingDir.toString().isEmpty())
            recordingDir = Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** Defaults for tests and tools: loopback only, the given port range. */
    public static MediaProperties loopback(int portMin, int portMax, Duration rtpTimeout) {
        return new MediaProperties(portMin, portMax, "127.0.0.1", "127.0.0.1", rtpTimeout, null);
    }

    /** The address for the c= line now: the configured (or bound) one, else the host's current address. */
    public String advertisedAddress(HostAddress host) {
        return host.or(advertisedAddress);
    }
}
