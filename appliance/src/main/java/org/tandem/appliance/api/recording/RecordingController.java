package org.tandem.appliance.api.recording;

import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.recording.CallRecordings;
import org.tandem.pbx.recording.RecordedCall;
import org.tandem.pbx.recording.RecordingRule;

/**
 * Call recordings (issue 18), ADMIN only even to read (they hold what people said): {@code GET /api/v1/recordings}
 * (newest first; {@code ?extension=} a user's own calls, {@code ?limit=}), {@code GET /api/v1/recordings/{id}},
 * {@code GET /api/v1/recordings/{id}/audio} (the stereo WAV: caller left, callee right), {@code DELETE
 * /api/v1/recordings/{id}}; {@code GET/PUT /api/v1/recordings/policy} ({@code {"retentionDays":90,"quotaMegabytes":0,
 * "includeInBackups":true}}: days kept, 0 until deleted; the disk quota, 0 none; whether backups carry the recordings);
 * the rules: {@code GET /api/v1/recording-rules}, {@code PUT /api/v1/recording-rules/{scope}/{subject}}
 * ({@code {"mode":"ALWAYS|NEVER|ON_DEMAND"}}; scope USER, TRUNK, DID or QUEUE; ON_DEMAND for users only: they dial
 * *1 during a call to start and stop a recording; {@code "announce":true}: both parties hear "this call is being
 * recorded" when it starts), {@code DELETE} the same path.
 */
@RestController
public class RecordingController {

    /** {@code quotaMegabytes}: 0 = no quota; any may be left out of a PUT to keep it. */
    public record PolicyView(Integer retentionDays, Integer quotaMegabytes, Boolean includeInBackups) {}

    /** {@code announce}: both parties hear "this call is being recorded" when its recording starts. */
    public record RuleRequest(String mode, Boolean announce) {}

    private final CallRecordings recordings;

    public RecordingController(CallRecordings recordings) {
        this.recordings = recordings;
    }

    @GetMapping(path = "/api/v1/recordings", produces = "application/json")
    public List<RecordedCall> list(
            @RequestParam(required = false) String extension, @RequestParam(defaultValue = "200") int limit) {
        return recordings.list(extension, Math.min(Math.max(limit, 1), 1000));
    }

    @GetMapping(path = "/api/v1/recordings/{id:[0-9]+}", produces = "application/json")
    public RecordedCall get(@PathVariable long id) {
        return recordings.find(id).orElseThrow(() -> unknown(id));
    }

    @GetMapping(
            path = "/api/v1/recordings/{id:[0-9]+}/audio",
            produces = {"audio/wav", "application/json"})
    public ResponseEntity<Resource> audio(@PathVariable long id) {
        var file = recordings.audio(id).orElseThrow(() -> unknown(id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("audio/wav"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"recording-" + id + ".wav\"")
                .body(new FileSystemResource(file));
    }

    @DeleteMapping("/api/v1/recordings/{id:[0-9]+}")
    public ResponseEntity<Void> delete(@PathVariable long id) {
        if (!recordings.delete(id)) throw unknown(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping(path = "/api/v1/recordings/policy", produces = "application/json")
    public PolicyView policy() {
        return new PolicyView(recordings.retentionDays(), recordings.quotaMegabytes(), recordings.inBackups());
    }

    @PutMapping(path = "/api/v1/recordings/policy", consumes = "application/json", produces = "application/json")
    public PolicyView setPolicy(@RequestBody PolicyView policy) {
        recordings.setPolicy(policy.retentionDays(), policy.quotaMegabytes(), policy.includeInBackups());
        return policy();
    }

    @GetMapping(path = "/api/v1/recording-rules", produces = "application/json")
    public List<RecordingRule> rules() {
        return recordings.rules();
    }

    @PutMapping(
            path = "/api/v1/recording-rules/{scope}/{subject}",
            consumes = "application/json",
            produces = "application/json")
    public RecordingRule setRule(
            @PathVariable String scope, @PathVariable String subject, @RequestBody RuleRequest request) {
        return recordings.setRule(scope, subject, request.mode(), request.announce());
    }

    @DeleteMapping("/api/v1/recording-rules/{scope}/{subject}")
    public ResponseEntity<Void> deleteRule(@PathVariable String scope, @PathVariable String subject) {
        if (!recordings.deleteRule(scope, subject)) {
            throw new NotFoundException(
                    "No recording rule for " + scope + " " + subject + "; GET /api/v1/recording-rules lists them");
        }
        return ResponseEntity.noContent().build();
    }

    private static NotFoundException unknown(long id) {
        return new NotFoundException("No recording " + id + "; GET /api/v1/recordings lists them");
    }
}
