package org.tandem.pbx.recording;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;
import org.tandem.media.relay.RecordedAudio;
import org.tandem.pbx.anchor.CallRecorder;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.recording.internal.RecordingRepository;
import org.tandem.pbx.recording.internal.RecordingSpace;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Recordings of ordinary calls (issue 18). The rules ({@link RecordingRule}) are served from memory on the call path:
 * a call is recorded when a rule of one of its parties (the calling user, a rung user, the trunk and DID it came in
 * on) says ALWAYS and none says NEVER. Files: {@code <data>/recordings/calls/yyyy/MM/dd/<time>-<n>.wav}; a row exists
 * only once its file is complete. Recordings older than the retention are deleted hourly with their files, the
 * oldest beyond the disk quota after every recording and every minute; while the disk has less than
 * {@code tandem.recording.min-free-disk} free, calls go on unrecorded ({@link RecordingSpace});
 * {@code .part} files a crash left are removed at start.
 */
@Service
public class CallRecordings implements CallRecorder, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CallRecordings.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss").withZone(ZoneOffset.UTC);
    private static final String RETENTION_RANGE = "days from 0 (keep until deleted) to 36500";
    private static final int MAX_QUOTA_MB = 100_000_000;
    private static final String QUOTA_RANGE = "megabytes from 0 (no quota) to " + MAX_QUOTA_MB;
    private static final java.util.regex.Pattern SUBJECT = java.util.regex.Pattern.compile("[A-Za-z0-9+._-]{1,64}");

    private final RecordingRepository repository;
    private final Path root;
    private final ScheduledExecutorService cleaner;
    private final RecordingSpace space;
    private volatile Map<String, RecordingMode> rules;
    private volatile Instant lastRetention = Instant.EPOCH;

    public CallRecordings(RecordingRepository repository, TandemProperties tandem,
                          @Value("${tandem.recording.min-free-disk:512MB}") DataSize minFreeDisk, Workers workers) {
        this.repository = repository;
        this.root = tandem.dataDir().resolve("recordings").resolve("calls");
        this.space = new RecordingSpace(root, minFreeDisk.toBytes());
        this.rules = load(repository.rules());
        removeLeftovers();
        space.refresh(repository.totalBytes());
        this.cleaner = workers.timer("recording-retention");
        cleaner.scheduleWithFixedDelay(this::housekeeping, 1, 1, TimeUnit.MINUTES);
    }

    // --- the call path (SIP stripe: memory only) ---

    @Override
    public Path recordTo(String callId, Involved involved) {
        List<RecordingMode> modes = new ArrayList<>();
        add(modes, RuleScope.USER, involved.callerExtension());
        involved.calleeExtensions().forEach(e -> add(modes, RuleScope.USER, e));
        add(modes, RuleScope.TRUNK, involved.trunk());
        add(modes, RuleScope.DID, involved.did());
        if (modes.contains(RecordingMode.NEVER) || !modes.contains(RecordingMode.ALWAYS)) return null;
        if (!space.roomForAnother()) {
            log.warn("Call {}: not recorded: less than {} MB free on the recordings' disk", callId,
                    space.minFreeBytes() >> 20);
            return null;
        }
        Instant now = Instant.now();
        String name = TIME.format(now) + "-" + Integer.toHexString(callId.hashCode() & 0x7fffffff) + ".wav";
        return root.resolve(DAY.format(now)).resolve(name);
    }

    private void add(List<RecordingMode> modes, RuleScope scope, String subject) {
        if (subject == null) return;
        RecordingMode m = rules.get(key(scope, subject));
        if (m != null) modes.add(m);
    }

    @Override
    public void recorded(String callId, Involved involved, Instant startedAt, RecordedAudio audio) {
        try {
            long bytes = Files.size(audio.file());
            RecordedCall r = new RecordedCall(0, callId, startedAt, Math.round(audio.seconds() * 1000),
                    involved.callerExtension(), involved.calleeExtensions(), involved.trunk(), involved.did(), bytes);
            long id = repository.insert(r, root.relativize(audio.file()).toString());
            log.info("Call {}: recorded {} s as recording {} (packets dropped {}, skipped {})", callId,
                    Math.round(audio.seconds()), id, audio.packetsDropped(), audio.packetsSkipped());
            cleaner.execute(this::applyQuota);
        } catch (IOException | RuntimeException e) {
            log.warn("Call {}: recording at {} not listed: {}", callId, audio.file(), e.toString());
        }
    }

    // --- rules ---

    public List<RecordingRule> rules() {
        return repository.rules();
    }

    public RecordingRule setRule(String scope, String subject, String mode) {
        Map<String, String> errors = new LinkedHashMap<>();
        RuleScope s = parse(RuleScope.class, scope, "scope", errors);
        RecordingMode m = parse(RecordingMode.class, mode, "mode", errors);
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            errors.put("subject", "an extension, trunk name or DID: 1-64 letters, digits, + . _ -");
        }
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        RecordingRule rule = new RecordingRule(s, subject, m);
        repository.saveRule(rule);
        rules = load(repository.rules());
        return rule;
    }

    public boolean deleteRule(String scope, String subject) {
        Map<String, String> errors = new LinkedHashMap<>();
        RuleScope s = parse(RuleScope.class, scope, "scope", errors);
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        boolean removed = repository.deleteRule(s, subject) > 0;
        rules = load(repository.rules());
        return removed;
    }

    // --- recordings ---

    /** Newest first, at most {@code limit}; {@code extension}: only that user's calls. */
    public List<RecordedCall> list(String extension, int limit) {
        return repository.list(extension, limit).stream().map(RecordingRepository.Row::recording).toList();
    }

    public Optional<RecordedCall> find(long id) {
        return repository.find(id).map(RecordingRepository.Row::recording);
    }

    /** The recording of the call whose CDR key is {@code callId}, when it was recorded (issue 18). */
    public Optional<RecordedCall> forCall(String callId) {
        return Optional.ofNullable(forCalls(List.of(callId)).get(callId));
    }

    /** The recordings of the calls {@code callIds} by call (a page of call records in one query). */
    public java.util.Map<String, RecordedCall> forCalls(java.util.Collection<String> callIds) {
        java.util.Map<String, RecordedCall> byCall = new java.util.HashMap<>();
        for (RecordingRepository.Row row : repository.ofCalls(callIds)) {
            byCall.putIfAbsent(row.recording().callId(), row.recording());
        }
        return byCall;
    }

    /** The WAV of recording {@code id}, when it and its file exist. */
    public Optional<Path> audio(long id) {
        return repository.find(id).map(r -> root.resolve(r.file()).normalize())
                .filter(p -> p.startsWith(root) && Files.isRegularFile(p));
    }

    /** Deletes the recording and its file. */
    public boolean delete(long id) {
        Optional<RecordingRepository.Row> row = repository.find(id);
        if (row.isEmpty()) return false;
        deleteFile(row.get().file());
        return repository.delete(id) > 0;
    }

    public int retentionDays() {
        return repository.retentionDays();
    }

    public int setRetentionDays(Integer days) {
        if (days == null || days < 0 || days > 36500) {
            throw new InvalidInputException(Map.of("retentionDays", RETENTION_RANGE));
        }
        repository.saveRetentionDays(days);
        return days;
    }

    /**
     * Sets the retention and the quota together, each checked first so a bad one saves neither; a null one is kept
     * as it is (both null: the retention is missing).
     */
    public void setPolicy(Integer retentionDays, Integer quotaMegabytes) {
        Map<String, String> errors = new LinkedHashMap<>();
        if ((retentionDays == null && quotaMegabytes == null)
                || (retentionDays != null && (retentionDays < 0 || retentionDays > 36500))) {
            errors.put("retentionDays", RETENTION_RANGE);
        }
        if (quotaMegabytes != null && (quotaMegabytes < 0 || quotaMegabytes > MAX_QUOTA_MB)) {
            errors.put("quotaMegabytes", QUOTA_RANGE);
        }
        if (!errors.isEmpty()) throw new InvalidInputException(errors);
        if (retentionDays != null) repository.saveRetentionDays(retentionDays);
        if (quotaMegabytes != null) {
            repository.saveQuotaMegabytes(quotaMegabytes);
            cleaner.execute(this::applyQuota);
        }
    }

    public int quotaMegabytes() {
        return repository.quotaMegabytes();
    }

    /** The recordings' disk use and room, for the metrics and the admin page. */
    public RecordingSpace space() {
        return space;
    }

    private void housekeeping() {
        if (Instant.now().isAfter(lastRetention.plus(Duration.ofHours(1)))) {
            applyRetention();
            lastRetention = Instant.now();
        }
        applyQuota();
    }

    /**
     * Deletes the oldest recordings with their files until all together fit the quota (nothing when it is 0), then
     * looks at the disk's free space again. Returns how many were deleted.
     */
    public int applyQuota() {
        try {
            int megabytes = repository.quotaMegabytes();
            long limit = megabytes * 1024L * 1024L;
            long total = repository.totalBytes();
            int deleted = 0;
            while (megabytes > 0 && total > limit) {
                List<RecordingRepository.Row> oldest = repository.oldest(100);
                if (oldest.isEmpty()) break;
                for (RecordingRepository.Row r : oldest) {
                    if (total <= limit) break;
                    deleteFile(r.file());
                    deleted += repository.delete(r.recording().id());
                    total -= r.recording().bytes();
                }
            }
            if (deleted > 0) {
                space.deletedForQuota(deleted);
                log.info("Deleted the {} oldest call recordings to keep within the quota of {} MB", deleted, megabytes);
            }
            space.refresh(repository.totalBytes());
            return deleted;
        } catch (RuntimeException e) {
            log.warn("Recording quota: {}", e.toString());
            return 0;
        }
    }

    /** Deletes recordings older than the retention (none when it is 0). Returns how many. */
    public int applyRetention() {
        try {
            int days = repository.retentionDays();
            if (days <= 0) return 0;
            Instant cutoff = Instant.now().minus(Duration.ofDays(days));
            int deleted = 0;
            List<RecordingRepository.Row> old;
            while (!(old = repository.olderThan(cutoff, 500)).isEmpty()) {
                for (RecordingRepository.Row r : old) {
                    deleteFile(r.file());
                    deleted += repository.delete(r.recording().id());
                }
            }
            if (deleted > 0) log.info("Deleted {} call recordings older than {} days", deleted, days);
            return deleted;
        } catch (RuntimeException e) {
            log.warn("Recording retention: {}", e.toString());
            return 0;
        }
    }

    private void deleteFile(String file) {
        try {
            Path p = root.resolve(file).normalize();
            if (p.startsWith(root)) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("Cannot delete recording file {}: {}", file, e.getMessage());
        }
    }

    /** {@code .part} files of recordings a crash interrupted: never listed, removed at start. */
    private void removeLeftovers() {
        if (!Files.isDirectory(root)) return;
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.getFileName().toString().endsWith(".part")).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                    log.info("Removed {}: a recording interrupted by a stop", p);
                } catch (IOException e) {
                    log.warn("Cannot remove {}: {}", p, e.getMessage());
                }
            });
        } catch (IOException e) {
            log.warn("Cannot look for interrupted recordings under {}: {}", root, e.getMessage());
        }
    }

    private static Map<String, RecordingMode> load(List<RecordingRule> list) {
        Map<String, RecordingMode> m = new java.util.HashMap<>();
        for (RecordingRule r : list) m.put(key(r.scope(), r.subject()), r.mode());
        return Map.copyOf(m);
    }

    private static String key(RuleScope scope, String subject) {
        return scope + ":" + subject.toLowerCase(Locale.ROOT);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, Map<String, String> errors) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.put(field, "one of " + java.util.Arrays.toString(type.getEnumConstants()));
            return null;
        }
    }

    @Override
    public void destroy() {
        cleaner.shutdownNow();
    }
}
