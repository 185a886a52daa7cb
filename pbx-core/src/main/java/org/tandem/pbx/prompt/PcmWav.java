package org.tandem.pbx.prompt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads the one WAV format the media engine plays: RIFF/WAVE, PCM, 8 kHz, 16-bit, mono. */
final class PcmWav {

    private PcmWav() {
    }

    /**
     * The samples of {@code wav}.
     *
     * @throws IllegalArgumentException saying what the file is when it is not 8 kHz 16-bit mono PCM
     */
    static short[] samples(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
            throw new IllegalArgumentException("not a RIFF/WAVE file");
        }
        int pos = 12;
        boolean formatOk = false;
        while (pos + 8 <= wav.length) {
            int id = b.getInt(pos);
            int size = b.getInt(pos + 4);
            int body = pos + 8;
            if (size < 0 || body + (long) size > wav.length) size = wav.length - body; // cut short: take what is there
            if (id == 0x20746d66) { // "fmt "
                int format = b.getShort(body) & 0xffff;
                int channels = b.getShort(body + 2);
                int rate = b.getInt(body + 4);
                int bits = b.getShort(body + 14);
                if (format != 1 || channels != 1 || rate != 8000 || bits != 16) {
                    throw new IllegalArgumentException("WAV is format " + format + ", " + channels + " channel(s), "
                            + rate + " Hz, " + bits + " bit; prompts must be PCM 8000 Hz 16-bit mono");
                }
                formatOk = true;
            } else if (id == 0x61746164) { // "data"
                if (!formatOk) throw new IllegalArgumentException("WAV data before its fmt chunk");
                short[] pcm = new short[size / 2];
                for (int i = 0; i < pcm.length; i++) pcm[i] = b.getShort(body + 2 * i);
                return pcm;
            }
            pos = body + size + (size & 1);
        }
        throw new IllegalArgumentException("WAV without a data chunk");
    }
}
