package org.tandem.pbx.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.tandem.media.ConferenceMixer;
import org.tandem.media.relay.RecordedAudio;
import org.tandem.pbx.anchor.CallRecorder;
import org.tandem.pbx.concurrent.Housekeeping;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.recording.internal.RecordingFile;
import org.tandem.pbx.recording.internal.RecordingHousekeeping;
import org.tandem.pbx.recording.internal.RecordingRepository;
import org.tandem.pbx.recording.internal.RecordingRules;
import org.tandem.pbx.recording.internal.RecordingSpace;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Recordings of ordinary calls (issue 18). The rules ({@link RecordingRule}) are served from memory on the call path:
 * a call is recorded when a rule of one of its parties (the calling user, a rung user, the trunk and DID it came in
 * on, or the trunk it goes out on) says ALWAYS and none says NEVER; when instead a user's rule says ON_DEMAND, the call is anchored in the relay and
 * that user's party starts and stops recordings with {@link #KEY_CODE} (each span a recording of its own, listed
 * under the call's Call-ID); a queue's ALWAYS records its calls once an agent answered (the bridge's mono mix).
 * Files: {@code <data>/recordings/calls/yyyy/MM/dd/<time>-<call>-<n>.wav}; a row exists only once its file is
 * complete. Recordings older than the retention are deleted hourly with their files, the oldest beyond the disk quota
 * after every recording and every minute; while the disk has less than {@code tandem.recording.min-free-disk} free,
 * calls go on unrecorded ({@link RecordingSpace}); {@code .part} files a crash left are removed at start
 * ({@link RecordingHousekeeping}).
 */
@Service
public class CallRecordings implements CallRecorder, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CallRecordings.class);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);
    private static final String RETENTION_RANGE = "recording.retention-days";
    private static final int MAX_QUOTA_MB = 100_000_000;
    private static final String QUOTA_RANGE = "recording.quota";
    /** The in-call key code an ON_DEMAND user dials to start, and again to stop, a recording (RFC 4733 keys). */
    public static final String KEY_CODE = "*1";
    /** The prompt a rule with {@code announce} plays to both parties when its recording starts. */
    public static final String ANNOUNCEMENT = "call-recorded";
    /** A queue call's recording stops after this, as the mixer needs a limit. */
    private static final Duration QUEUE_CALL_MAX = Duration.ofHours(8);

    private final RecordingRepository repository;
    private final Path root;
    private final ScheduledExecutorService cleaner;
    private final RecordingSpace space;
    private final RecordingRules rules;
    private final Prompts prompts;
    private final RecordingHousekeeping housekeeping;
    private final AtomicInteger files = new AtomicInteger();

    public CallRecordings(
            RecordingRepository repository,
            TandemProperties tandem,
            RecordingProperties properties,
            Workers workers,
            Prompts prompts) {
        this.prompts = prompts;
        this.repository = repository;
        this.root = tandem.dataDir().resolve("recordings").resolve("calls");
        this.space = new RecordingSpace(root, properties.minFreeDisk().toBytes());
        this.rules = new RecordingRules(repository);
        this.housekeeping = new RecordingHousekeeping(repository, root, space);
        housekeeping.removeLeftovers();
        space.refresh(repository.totalBytes());
        this.cleaner = workers.timer("recording-retention");
        Duration everyMinute = Duration.ofMinutes(1);
        cleaner.scheduleWithFixedDelay(
                housekeeping::run,
                Housekeeping.firstRunMillis(everyMinute),
                everyMinute.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    // --- the call path (SIP stripe: memory only) ---

    @Override
    public Plan plan(String callId, Involved involved) {
        RecordingRules.Verdict verdict = rules.verdict(involved);
        short[] announcement = verdict.announce() ? announcement() : null;
        if (verdict.always()) {
            Path file = fileFor(callId);
            return file == null ? null : new Plan(file, Set.of(), KEY_CODE, announcement);
        }
        return verdict.onDemand().isEmpty() ? null : new Plan(null, verdict.onDemand(), KEY_CODE, announcement);
    }

    /** "This call is being recorded" (prompt {@value #ANNOUNCEMENT}, the admin's upload if any), from memory. */
    private short[] announcement() {
        try {
            return prompts.get(ANNOUNCEMENT);
        } catch (IllegalArgumentException e) {
            log.warn("No prompt {}: recordings start unannounced", ANNOUNCEMENT);
            return null;
        }
    }

    @Override
    public Path fileFor(String callId) {
        if (!space.roomForAnother()) {
            log.warn(
                    "Call {}: not recorded: less than {} MB free on the recordings' disk",
                    callId,
                    space.minFreeBytes() >> 20);
            return null;
        }
        Instant now = Instant.now();
        // several recordings of one call (on-demand spans) in one second each get a name of their own
        String name = TIME.format(now) + "-" + Integer.toHexString(callId.hashCode() & 0x7fffffff) + "-"
                + Integer.toHexString(files.incrementAndGet() & 0xfffff) + ".wav";
        return root.resolve(DAY.format(now)).resolve(name);
    }

    /** Whether a call of {@code queue} an agent answered is recorded: its rule says ALWAYS, no party's NEVER. */
    public boolean recordsQueueCall(String queue, Involved involved) {
        return rules.queueVerdict(queue, involved).records();
    }

    /**
     * A queue call an agent answered (issue 18): when the queue's rule says ALWAYS (and no party's NEVER), the
     * two-party bridge is recorded, mixed (mono), until the call ends; the file is put in place durably and listed on
     * the recordings' own thread. Called on the caller's stripe; touches no disk there.
     *
     * @return what both parties are to hear now (the queue's rule announces it), or null
     */
    public short[] recordQueueCall(ConferenceMixer bridge, String callId, String queue, Involved involved) {
        RecordingRules.Verdict verdict = rules.queueVerdict(queue, involved);
        if (!verdict.records()) return null;
        Path target = fileFor(callId);
        if (target == null) return null;
        Instant started = Instant.now();
        log.info("Call {}: queue {} records it to {}", callId, queue, target.getFileName());
        bridge.record(QUEUE_CALL_MAX, cleaner).whenComplete((recording, failure) -> {
            if (failure != null) {
                log.warn("Call {}: its queue recording was lost: {}", callId, failure.toString());
                return;
            }
            try {
                RecordingFile.moveInPlace(recording.file(), target);
                long frames = recording.length().toMillis() * 8;
                recorded(callId, involved, started, new RecordedAudio(target, frames, 0, 0));
            } catch (IOException | RuntimeException e) {
                log.warn("Call {}: its queue recording could not be kept: {}", callId, e.toString());
            }
        });
        return verdict.announce() ? announcement() : null;
    }

    @Override
    public void recorded(String callId, Involved involved, Instant startedAt, RecordedAudio audio) {
        try {
            long bytes = Files.size(audio.file());
            RecordedCall r = new RecordedCall(
                    0,
                    callId,
                    startedAt,
                    Math.round(audio.seconds() * 1000),
                    involved.callerExtension(),
                    involved.calleeExtensions(),
                    involved.trunk(),
                    involved.did(),
                    bytes);
            long id = repository.insert(r, root.relativize(audio.file()).toString());
            log.info(
                    "Call {}: recorded {} s as recording {} (packets dropped {}, skipped {})",
                    callId,
                    Math.round(audio.seconds()),
                    id,
                    audio.packetsDropped(),
                    audio.packetsSkipped());
            cleaner.execute(this::applyQuota);
        } catch (IOException | RuntimeException e) {
            log.warn("Call {}: recording at {} not listed: {}", callId, audio.file(), e.toString());
        }
    }

    // --- rules ---

    public List<RecordingRule> rules() {
        return rules.list();
    }

    public RecordingRule setRule(String scope, String subject, String mode) {
        return setRule(scope, subject, mode, null);
    }

    /** As above; {@code announce}: both parties hear "this call is being recorded" when it starts (null: no). */
    public RecordingRule setRule(String scope, String subject, String mode, Boolean announce) {
        return rules.set(scope, subject, mode, announce);
    }

    public boolean deleteRule(String scope, String subject) {
        return rules.delete(scope, subject);
    }

    // --- recordings ---

    /** Newest first, at most {@code limit}; {@code extension}: only that user's calls. */
    public List<RecordedCall> list(String extension, int limit) {
        return repository.list(extension, limit).stream()
                .map(RecordingRepository.Row::recording)
                .toList();
    }

    public Optional<RecordedCall> find(long id) {
        return repository.find(id).map(RecordingRepository.Row::recording);
    }

    /** The recording of the call whose CDR key is {@code callId}, when it was recorded (issue 18). */
    public Optional<RecordedCall> forCall(String callId) {
        return Optional.ofNullable(forCalls(List.of(callId)).get(callId));
    }

    /** The recordings of the calls {@code callIds} by call (a page of call records in one query). */
    public Map<String, RecordedCall> forCalls(Collection<String> callIds) {
        Map<String, RecordedCall> byCall = new HashMap<>();
        for (RecordingRepository.Row row : repository.ofCalls(callIds)) {
            byCall.putIfAbsent(row.recording().callId(), row.recording());
        }
        return byCall;
    }

    /** The WAV of recording {@code id}, when it and its file exist. */
    public Optional<Path> audio(long id) {
        return repository
                .find(id)
                .map(r -> root.resolve(r.file()).normalize())
                .filter(p -> p.startsWith(root) && Files.isRegularFile(p));
    }

    /** Deletes the recording and its file. */
    public boolean delete(long id) {
        Optional<RecordingRepository.Row> row = repository.find(id);
        if (row.isEmpty()) return false;
        housekeeping.deleteFile(row.get().file());
        return repository.delete(id) > 0;
    }

    public int retentionDays() {
        return repository.retentionDays();
    }

    public int setRetentionDays(Integer days) {
        if (days == null || days < 0 || days > 36500) {
            throw new InvalidInputException("retentionDays", RETENTION_RANGE);
        }
        repository.saveRetentionDays(days);
        return days;
    }

    /**
     * Sets the retention and the quota together, each checked first so a bad one saves neither; a null one is kept
     * as it is (all null: the retention is missing).
     */
    public void setPolicy(Integer retentionDays, Integer quotaMegabytes) {
        setPolicy(retentionDays, quotaMegabytes, null);
    }

    /** As above, with whether backups carry the recordings ({@code inBackups}, null: kept as it is). */
    public void setPolicy(Integer retentionDays, Integer quotaMegabytes, Boolean inBackups) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if ((retentionDays == null && quotaMegabytes == null && inBackups == null)
                || (retentionDays != null && (retentionDays < 0 || retentionDays > 36500))) {
            errors.put("retentionDays", FieldError.of(RETENTION_RANGE));
        }
        if (quotaMegabytes != null && (quotaMegabytes < 0 || quotaMegabytes > MAX_QUOTA_MB)) {
            errors.put("quotaMegabytes", FieldError.of(QUOTA_RANGE, MAX_QUOTA_MB));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        if (retentionDays != null) repository.saveRetentionDays(retentionDays);
        if (inBackups != null) repository.saveInBackups(inBackups);
        if (quotaMegabytes != null) {
            repository.saveQuotaMegabytes(quotaMegabytes);
            cleaner.execute(this::applyQuota);
        }
    }

    /**
     * Whether backups carry the call recordings (their files and rows). Off, a backup is smaller, and restoring it
     * leaves the appliance without call recordings (never rows without files).
     */
    public boolean inBackups() {
        return repository.inBackups();
    }

    /** What a backup leaves out when {@link #inBackups} is off: this folder under the data dir and this table's rows. */
    public static final String BACKUP_FOLDER = "recordings/calls";

    public static final String BACKUP_TABLE = "call_recording";

    public int quotaMegabytes() {
        return repository.quotaMegabytes();
    }

    /** The recordings' disk use and room, for the metrics and the admin page. */
    public RecordingSpace space() {
        return space;
    }

    /**
     * Deletes the oldest recordings with their files until all together fit the quota (nothing when it is 0), then
     * looks at the disk's free space again. Returns how many were deleted.
     */
    public int applyQuota() {
        return housekeeping.applyQuota();
    }

    /** Deletes recordings older than the retention (none when it is 0). Returns how many. */
    public int applyRetention() {
        return housekeeping.applyRetention();
    }

    /**
     * Stops the retention timer and waits (a few seconds at most) for a run in progress, which reads the database:
     * this bean goes before the data source, and a run cut off by the pool's close logged a failure at every stop
     * that came within seconds of the start (the housekeeping's first run is then).
     */
    @Override
    public void destroy() throws InterruptedException {
        cleaner.shutdownNow();
        if (!cleaner.awaitTermination(5, TimeUnit.SECONDS)) log.warn("Recording retention still running at the stop");
    }
}
