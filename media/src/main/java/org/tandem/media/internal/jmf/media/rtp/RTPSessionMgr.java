package org.tandem.media.internal.jmf.media.rtp;

import org.tandem.media.internal.jmf.ClosingSafeRtcpTransmitter;

/**
 * libjitsi's RTP session manager with an RTCP transmitter that tolerates a report due at the moment the session
 * closes ({@link ClosingSafeRtcpTransmitter}). FMJ's {@code javax.media.rtp.RTPManager.newInstance()} finds it by
 * JMF's protocol-prefix convention ({@code <prefix>.media.rtp.RTPSessionMgr}): {@code JmfPrefix} puts
 * {@code org.tandem.media.internal.jmf} first in the list, so this class name and package are fixed by that lookup.
 */
public class RTPSessionMgr extends org.jitsi.impl.neomedia.jmfext.media.rtp.RTPSessionMgr {

    public RTPSessionMgr() {
        setRTCPTransmitterFactory(ClosingSafeRtcpTransmitter.FACTORY);
    }
}
