package org.tandem.pbx.voicemail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.media.Wav;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.directory.UserChanged;
import org.tandem.pbx.voicemail.internal.AudioFiles;
import org.tandem.pbx.voicemail.internal.DepositPhase;
import org.tandem.pbx.voicemail.internal.DepositProbe;
import org.tandem.pbx.voicemail.internal.EmailRepository;
import org.tandem.pbx.voicemail.internal.MessageRepository;
import org.tandem.pbx.voicemail.internal.MessageRow;

/**
 * The messages of all boxes, stored durably (docs/architecture.md, storage): the audio is copied to a temp
 * file in {@code <data>/voicemail/<box>/}, fsynced, renamed into place and the directory fsynced; only
 * then is the row written (with the message's e-mail, in one transaction). Deleting removes the row,
 * then the file. So a crash leaves either a complete message or none, never a row without audio; the
 * sweep at start-up removes what a crash left behind (temp files, audio without a row).
 *
 * <p>Blocking (disk and database): call it from an IO pool, never from a SIP stripe — or use
 * {@link #depositAsync}, which runs on this store's bounded {@code voicemail-io} pool. Message counts
 * per box are kept in memory for message-waiting indication.
 */
@Service
public class VoicemailStore implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(VoicemailStore.class);
    private static final DepositProbe NO_PROBE = (phase, id) -> {};

    private final MessageRepository messages;
    private final EmailRepository emails;
    private final VoicemailBoxes boxes;
    private final AudioFiles files;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    /** Production has none; the crash tests supply one (see DepositProbe). */
    private final ObjectProvider<DepositProbe> probe;

    private final Clock clock;
    private final Map<String, MessageCounts> counts = new ConcurrentHashMap<>();
    private final VoicemailSweep sweep;
    /** Deposits handed over by call flows: two threads (disk and database), a bounded queue. */
    private final ThreadPoolExecutor io;

    public VoicemailStore(
            MessageRepository messages,
            EmailRepository emails,
            VoicemailBoxes boxes,
            TandemProperties tandem,
            PlatformTransactionManager transactions,
            ApplicationEventPublisher events,
            ObjectProvider<DepositProbe> probe,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock,
            Workers workers) {
        this.messages = messages;
        this.emails = emails;
        this.boxes = boxes;
        this.files = new AudioFiles(tandem.dataDir().resolve("voicemail"));
        this.tx = new TransactionTemplate(transactions);
        this.events = events;
        this.probe = probe;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.sweep = sweep();
        messages.counts().forEach((box, c) -> counts.put(box, new MessageCounts(c[0], c[1])));
        this.io = workers.pool("voicemail-io", 2, 64);
    }

    /**
     * {@link #deposit} on the {@code voicemail-io} pool, for callers that must not block (a call flow on
     * its SIP stripe). The future fails with {@link RejectedExecutionException} when the pool is full
     * (the recording stays where it is: the caller may try again or tell the caller).
     */
    public CompletableFuture<VoicemailMessage> depositAsync(
            String box, String caller, String callerName, Path finishedWav, Duration duration) {
        try {
            return CompletableFuture.supplyAsync(() -> deposit(box, caller, callerName, finishedWav, duration), io);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Deposits under way finish (bounded wait) before the database goes away. */
    @Override
    public void close() {
        io.shutdown();
        try {
            if (!io.awaitTermination(10, TimeUnit.SECONDS)) io.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            io.shutdownNow();
        }
    }

    /**
     * Stores a finished recording as a new message of {@code box} and, when the box e-mails new
     * messages, queues its e-mail in the same transaction. {@code finishedWav} is copied, not moved.
     *
     * @throws IllegalArgumentException when there is no such box or the file is not a WAV file
     * @throws UncheckedIOException     when the audio cannot be stored (then nothing was stored)
     */
    public VoicemailMessage deposit(String box, String caller, String callerName, Path finishedWav, Duration duration) {
        VoicemailBox owner = boxes.find(box).orElseThrow(() -> new IllegalArgumentException("No voicemail box " + box));
        checkWav(finishedWav);
        String id = UUID.randomUUID().toString().replace("-", "");
        String fileName = id + AudioFiles.AUDIO_SUFFIX;
        DepositProbe phases = probe.getIfAvailable(() -> NO_PROBE);
        long size;
        try {
            size = files.storeDurably(finishedWav, box, fileName, id, phases);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the message for box " + box + ": " + e.getMessage(), e);
        }
        phases.reached(DepositPhase.RENAMED, id);
        long now = clock.millis();
        MessageRow row = new MessageRow(
                id,
                box,
                Folder.NEW.name(),
                cut(caller, 64),
                cut(callerName, 128),
                now,
                duration == null || duration.isNegative() ? 0 : duration.toMillis(),
                fileName,
                size);
        try {
            tx.executeWithoutResult(s -> {
                messages.insert(row);
                if (owner.emailNotify() && owner.email() != null) emails.insertPending(id, owner.email(), now);
            });
        } catch (RuntimeException e) {
            deleteQuietly(box, fileName);
            throw e;
        }
        phases.reached(DepositPhase.ROW_WRITTEN, id);
        VoicemailMessage message = toMessage(row);
        changed(box);
        events.publishEvent(new VoicemailDeposited(message));
        return message;
    }

    /** The box's messages, newest first; {@code folder} null for all. */
    public List<VoicemailMessage> list(String box, Folder folder) {
        return messages.ofBox(box, folder == null ? null : folder.name()).stream()
                .map(VoicemailStore::toMessage)
                .toList();
    }

    public Optional<VoicemailMessage> find(String id) {
        return id == null ? Optional.empty() : messages.find(id).map(VoicemailStore::toMessage);
    }

    /** The message's WAV file (read it while the message exists). */
    public Optional<Path> audio(String id) {
        if (id == null) return Optional.empty();
        return messages.find(id)
                .map(r -> files.audio(r.extension(), r.audioFile()))
                .filter(Files::isRegularFile);
    }

    /** From memory: safe on any thread. */
    public MessageCounts counts(String box) {
        return counts.getOrDefault(box, MessageCounts.NONE);
    }

    /** @return the moved message, empty when there is none with that id */
    public Optional<VoicemailMessage> move(String id, Folder folder) {
        Optional<MessageRow> row = id == null ? Optional.empty() : messages.find(id);
        if (row.isEmpty() || messages.moveTo(id, folder.name()) == 0) return Optional.empty();
        changed(row.get().extension());
        return find(id);
    }

    /** Removes the row, then the audio. @return false when there is no such message */
    public boolean delete(String id) {
        Optional<MessageRow> row = id == null ? Optional.empty() : messages.find(id);
        if (row.isEmpty() || messages.delete(id) == 0) return false;
        deleteQuietly(row.get().extension(), row.get().audioFile());
        changed(row.get().extension());
        return true;
    }

    /** What the start-up sweep found. */
    public VoicemailSweep lastSweep() {
        return sweep;
    }

    /** The rows went with the user (ON DELETE CASCADE); the audio goes once that is committed. */
    @TransactionalEventListener(fallbackExecution = true)
    void onUserChanged(UserChanged change) {
        if (!change.deleted()) return;
        counts.remove(change.extension());
        try {
            Path dir = files.boxDir(change.extension());
            if (Files.isDirectory(dir)) {
                try (var stream = Files.list(dir)) {
                    for (Path p : stream.toList()) Files.deleteIfExists(p);
                }
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            log.warn(
                    "Voicemail audio of deleted user {} not removed (the next start removes it): {}",
                    change.extension(),
                    e.toString());
        }
    }

    private void changed(String box) {
        MessageCounts now;
        synchronized (counts) { // counts and events of one box in the order of the changes
            int[] c = messages.counts(box);
            now = new MessageCounts(c[0], c[1]);
            counts.put(box, now);
            events.publishEvent(new VoicemailChanged(box, now));
        }
    }

    private VoicemailSweep sweep() {
        List<MessageRow> rows = messages.all();
        Set<Path> expected = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (MessageRow r : rows) {
            Path audio = files.audio(r.extension(), r.audioFile());
            if (Files.isRegularFile(audio)) {
                expected.add(audio);
            } else {
                log.error(
                        "Voicemail message {} of box {} has no audio file {}; removing the message",
                        r.id(),
                        r.extension(),
                        audio);
                messages.delete(r.id());
                missing.add(r.id());
            }
        }
        int temps = 0;
        int orphans = 0;
        try {
            for (Path f : files.allFiles()) {
                String name = f.getFileName().toString();
                if (name.endsWith(AudioFiles.TEMP_SUFFIX)) {
                    Files.deleteIfExists(f);
                    temps++;
                } else if (!expected.contains(f)) {
                    log.warn(
                            "Voicemail audio {} belongs to no message (a crash before its row was written); deleted",
                            f);
                    Files.deleteIfExists(f);
                    orphans++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sweep the voicemail directory " + files.root(), e);
        }
        if (temps + orphans + missing.size() > 0) {
            log.info(
                    "Voicemail sweep: {} temp files and {} audio files without a message deleted, {} messages "
                            + "without audio removed",
                    temps,
                    orphans,
                    missing.size());
        }
        return new VoicemailSweep(temps, orphans, List.copyOf(missing));
    }

    private void deleteQuietly(String box, String fileName) {
        try {
            files.delete(box, fileName);
        } catch (IOException e) {
            log.warn("Voicemail audio {}/{} not deleted (the next start removes it): {}", box, fileName, e.toString());
        }
    }

    private static void checkWav(Path wav) {
        byte[] head = new byte[12];
        try (InputStream in = Files.newInputStream(wav)) {
            if (in.readNBytes(head, 0, 12) < 12 || !Wav.isRiffWave(head)) {
                throw new IllegalArgumentException(wav + " is not a WAV file");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the recording " + wav + ": " + e.getMessage(), e);
        }
    }

    private static String cut(String s, int max) {
        if (s == null || s.isBlank()) return null;
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static VoicemailMessage toMessage(MessageRow r) {
        return new VoicemailMessage(
                r.id(),
                r.extension(),
                Folder.valueOf(r.folder()),
                r.caller(),
                r.callerName(),
                Instant.ofEpochMilli(r.receivedMs()),
                Duration.ofMillis(r.durationMs()),
                r.audioBytes());
    }
}
