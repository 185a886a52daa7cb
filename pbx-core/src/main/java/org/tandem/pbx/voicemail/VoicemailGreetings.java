package org.tandem.pbx.voicemail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.voicemail.internal.AudioFiles;

/**
 * A box owner's own recorded greetings, {@code <data>/greetings/<box>/unavailable.wav} and {@code busy.wav}
 * (8 kHz 16-bit mono, as the media engine records them). Written like messages: temp file, fsync, rename,
 * directory fsync, so a crash leaves the old greeting or the new one, never half of one.
 *
 * <p>Blocking (disk): call from an IO thread, never from a SIP stripe, except {@link #candidates}, which only
 * names paths.
 */
@Service
public class VoicemailGreetings {

    private final AudioFiles files;

    public VoicemailGreetings(TandemProperties tandem) {
        this.files = new AudioFiles(tandem.dataDir().resolve("greetings"));
    }

    /** The recorded greeting of this kind ({@link Greeting#UNAVAILABLE} or {@link Greeting#BUSY}), if any. */
    public Optional<Path> file(String box, Greeting kind) {
        if (kind == Greeting.DEFAULT) return Optional.empty();
        Path path = files.audio(box, fileName(kind));
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** Stores {@code wav} (copied) as the box's greeting of this kind, replacing the old one. */
    public void save(String box, Greeting kind, Path wav) {
        if (kind == Greeting.DEFAULT) throw new IllegalArgumentException("The default greeting is not recorded");
        try {
            files.storeDurably(wav, box, fileName(kind), box + "/" + kind, (phase, id) -> {});
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the greeting of box " + box + ": " + e.getMessage(), e);
        }
    }

    /** Removes the greeting of this kind; true when there was one. */
    public boolean remove(String box, Greeting kind) {
        if (kind == Greeting.DEFAULT) return false;
        try {
            return Files.deleteIfExists(files.audio(box, fileName(kind)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the greeting of box " + box + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the recordings a caller may hear before the beep would be, best first: the box's choice when it names
     * one; then (with {@link Greeting#DEFAULT}, or when the chosen one was never recorded) the one that fits why
     * the call came, busy or unavailable. The first that exists plays; when none does, the system greeting that
     * names the extension. Only paths: no disk access, so a call's SIP stripe may ask (the player reads the file
     * on the media engine's IO pool and reports a missing one).
     */
    public List<Path> candidates(VoicemailBox box, boolean busy) {
        List<Path> out = new ArrayList<>();
        if (box.greeting() != Greeting.DEFAULT) out.add(files.audio(box.extension(), fileName(box.greeting())));
        Path fitting = files.audio(box.extension(), fileName(busy ? Greeting.BUSY : Greeting.UNAVAILABLE));
        if (!out.contains(fitting)) out.add(fitting);
        return out;
    }

    private static String fileName(Greeting kind) {
        return kind.name().toLowerCase(Locale.ROOT) + AudioFiles.AUDIO_SUFFIX;
    }
}
