package org.tandem.pbx.conference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.files.DurableFiles;

/**
 * Recordings of conference rooms whose {@code record} setting is on: {@code <data>/recordings/conference/<room>/
 * <yyyyMMdd-HHmmss>Z.wav}, one file per session of the room (and per hour of it), written like voicemail (temp
 * file, fsync, rename), part of the backup. Blocking: IO threads and REST only.
 */
@Service
public class ConferenceRecordings {

    /** A recorded session of a room. */
    public record RoomRecording(String room, String name, Instant startedAt, long bytes, Duration length) {}

    private static final DateTimeFormatter NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern FILE = Pattern.compile("[0-9]{8}-[0-9]{6}Z(-[0-9]+)?\\.wav");

    private final Path root;

    public ConferenceRecordings(TandemProperties tandem) {
        this.root = tandem.dataDir().resolve("recordings").resolve("conference");
    }

    /** Stores {@code wav} (copied) as a recording of {@code room} that started at {@code startedAt}. */
    public RoomRecording save(String room, Instant startedAt, Path wav) {
        try {
            Path dir = Files.createDirectories(root.resolve(room));
            String base = NAME.format(startedAt);
            String name = base + ".wav";
            for (int i = 2; Files.exists(dir.resolve(name)); i++) name = base + "-" + i + ".wav";
            long size = Files.size(wav);
            try (InputStream in = Files.newInputStream(wav)) {
                DurableFiles.write(
                        dir.resolve(name), out -> out.transferFrom(Channels.newChannel(in), 0, size), () -> {});
            }
            return describe(room, dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the recording of room " + room + ": " + e.getMessage(), e);
        }
    }

    /** The room's recordings, newest first. */
    public List<RoomRecording> list(String room) {
        Path dir = root.resolve(room);
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> FILE.matcher(f.getFileName().toString()).matches())
                    .map(f -> describe(room, f))
                    .sorted(Comparator.comparing(RoomRecording::name).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of one recording; empty for a name that is not one of the room's recordings. */
    public Optional<Path> file(String room, String name) {
        if (name == null || !FILE.matcher(name).matches()) return Optional.empty();
        Path f = root.resolve(room).resolve(name);
        return Files.isRegularFile(f) ? Optional.of(f) : Optional.empty();
    }

    private static RoomRecording describe(String room, Path f) {
        try {
            String name = f.getFileName().toString();
            Instant started = LocalDateTime.parse(name.substring(0, 15), DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    .toInstant(ZoneOffset.UTC);
            long bytes = Files.size(f);
            return new RoomRecording(room, name, started, bytes, Duration.ofMillis(Math.max(0, bytes - 44) / 16));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
