package org.tandem.media.internal.jmf;

import net.sf.fmj.media.rtp.DefaultRTCPTransmitterFactory;
import net.sf.fmj.media.rtp.RTCPRawSender;
import net.sf.fmj.media.rtp.RTCPTransmitter;
import net.sf.fmj.media.rtp.RTCPTransmitterFactory;
import net.sf.fmj.media.rtp.SSRCCache;
import net.sf.fmj.media.rtp.SSRCInfo;

/**
 * FMJ's RTCP transmitter with its report and its BYE serialised, and no report after the BYE.
 *
 * <p>FMJ's {@code RTCPReporter} thread checks its {@code closed} flag when its report interval ends and then calls
 * {@link #report()}; the session's close sets that flag and sends the BYE ({@link #bye}), which clears the
 * transmitter's SSRC. When the close falls between the check and the report, upstream's report reads the cleared SSRC
 * and the reporter thread dies of a NullPointerException ({@code "ourinfo" is null}, seen about once in six runs of
 * SessionLifecycleIT's 200 sessions on 2 cores). RFC 3550 section 6.3.7: after its BYE a participant sends no further
 * RTCP for that SSRC, so a report found after the BYE is simply not sent.
 */
public final class ClosingSafeRtcpTransmitter implements RTCPTransmitter {

    public static final RTCPTransmitterFactory FACTORY = new RTCPTransmitterFactory() {
        private final RTCPTransmitterFactory upstream = new DefaultRTCPTransmitterFactory();

        @Override
        public RTCPTransmitter newRTCPTransmitter(SSRCCache cache, RTCPRawSender sender) {
            return new ClosingSafeRtcpTransmitter(upstream.newRTCPTransmitter(cache, sender));
        }
    };

    private final RTCPTransmitter upstream;

    public ClosingSafeRtcpTransmitter(RTCPTransmitter upstream) {
        this.upstream = upstream;
    }

    @Override
    public synchronized void report() {
        if (upstream.getSSRCInfo() == null) return; // the BYE has been sent (RFC 3550 section 6.3.7)
        upstream.report();
    }

    @Override
    public synchronized void bye(String reason) {
        upstream.bye(reason);
    }

    @Override
    public synchronized void close() {
        upstream.close();
    }

    @Override
    public synchronized void setSSRCInfo(SSRCInfo info) {
        upstream.setSSRCInfo(info);
    }

    @Override
    public synchronized SSRCInfo getSSRCInfo() {
        return upstream.getSSRCInfo();
    }

    @Override
    public SSRCCache getCache() {
        return upstream.getCache();
    }

    @Override
    public RTCPRawSender getSender() {
        return upstream.getSender();
    }
}
