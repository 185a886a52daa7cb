package org.tandem.pbx.paging.internal;

import java.net.NetworkInterface;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tandem.media.ConferenceMixer;
import org.tandem.media.MediaSession;
import org.tandem.pbx.call.HangupSide;
import org.tandem.pbx.paging.MulticastAddress;
import org.tandem.pbx.ua.MediaCall;
import org.tandem.pbx.ua.MediaCallScript;

/**
 * A page to a multicast group: the caller's call is answered here, and a mixer carries the caller's audio to a media
 * session that sends it as RTP (PCMU, 20 ms) to the group's address, where the members' phones listen without any
 * SIP. The caller hears nothing back (the group sends nothing). Ends when the caller hangs up. Runs on the caller's
 * Call-ID stripe.
 */
final class MulticastPage implements MediaCallScript {

    private static final Logger log = LoggerFactory.getLogger(MulticastPage.class);

    private final PagingService parts;
    private final String group;
    private final MulticastAddress address;
    private final NetworkInterface via;
    private MediaSession stream;
    private ConferenceMixer mixer;

    /** @param via the interface the audio leaves by (null: the one routing chooses) */
    MulticastPage(PagingService parts, String group, MulticastAddress address, NetworkInterface via) {
        this.parts = parts;
        this.group = group;
        this.address = address;
        this.via = via;
    }

    @Override
    public void started(MediaCall call) {
        try {
            stream = parts.engine().multicast(address.socketAddress(), via, call::execute);
        } catch (RuntimeException e) {
            log.warn("Page {} to group {}: cannot send to {}: {}", call.callId(), group, address, e.toString());
            call.hangUp("Cannot send to the multicast group");
            return;
        }
        mixer = parts.calls().createMixer();
        mixer.join(call.media());
        mixer.join(stream);
        parts.metrics().pageStarted(group, true);
        log.info(
                "Page {} to group {}: sending to multicast {} via {}",
                call.callId(),
                group,
                address,
                via == null ? "the routed interface" : via.getName());
    }

    @Override
    public void ended(MediaCall call, HangupSide side) {
        if (mixer != null) mixer.close();
        if (stream != null) stream.close();
    }
}
