package org.tandem.media.relay;

import java.nio.file.Path;

/**
 * A finished call recording: a complete 8 kHz 16-bit stereo WAV (left: the caller, right: the callee) at {@code file}.
 *
 * @param frames          stereo sample frames (8000 a second)
 * @param packetsDropped  RTP packets the recorder's queue had no room for (their span is silence)
 * @param packetsSkipped  RTP packets not decoded: RFC 4733 events, comfort noise (RFC 3389) and codecs other than
 *                        PCMU/PCMA (static payload types 0 and 8)
 */
public record RecordedAudio(Path file, long frames, long packetsDropped, long packetsSkipped) {

    public double seconds() {
        return frames / 8000.0;
    }
}
