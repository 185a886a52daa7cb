package org.tandem.media.internal;

import static org.assertj.core.api.Assertions.assertThat;

import javax.media.PackageManager;
import javax.media.rtp.RTPManager;
import org.junit.jupiter.api.Test;
import org.tandem.media.internal.jmf.ClosingSafeRtcpTransmitter;
import org.tandem.media.internal.jmf.JmfPrefix;
import org.tandem.media.internal.jmf.media.rtp.RTPSessionMgr;

/** Every libjitsi stream's RTP manager (built by RTPManager.newInstance()) is ours, with the closing-safe RTCP. */
class JmfPrefixTest {

    @Test
    void theEnginesRtpManagersAreOursAndStillLibjitsis() {
        JitsiMediaEngine.startLibJitsi();
        assertThat(PackageManager.getProtocolPrefixList().get(0)).isEqualTo(JmfPrefix.PREFIX);
        RTPManager manager = RTPManager.newInstance();
        assertThat(manager)
                .isInstanceOf(RTPSessionMgr.class)
                .as("libjitsi's SSRC factory support stays")
                .isInstanceOf(org.jitsi.impl.neomedia.jmfext.media.rtp.RTPSessionMgr.class);
        assertThat(((RTPSessionMgr) manager).getOrCreateRTCPTransmitterFactory())
                .isSameAs(ClosingSafeRtcpTransmitter.FACTORY);
        manager.dispose();
    }
}
