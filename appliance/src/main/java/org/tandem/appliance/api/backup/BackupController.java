package org.tandem.appliance.api.backup;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.ApiError;
import org.tandem.operations.backup.Backups;
import org.tandem.operations.backup.RestoreBusyException;
import org.tandem.operations.backup.RestoreProgress;
import org.tandem.operations.upload.LimitedInputStream;
import org.tandem.operations.upload.UploadLimits;

/**
 * Backup download and restore upload (ADMIN only, see ApiSecurityConfiguration). The restore answers
 * 202 at once and goes on in the background: follow it with {@code GET /api/v1/restore/status}.
 */
@RestController
@RequestMapping("/api/v1")
class BackupController {

    private final Backups backups;
    private final UploadLimits limits;

    BackupController(Backups backups, UploadLimits limits) {
        this.backups = backups;
        this.limits = limits;
    }

    /** The whole archive, built into a temporary file first so a failure is an error, not a cut file. */
    @GetMapping("/backup")
    void download(HttpServletResponse response) throws IOException {
        send(response, null);
    }

    /** A backup encrypted with a passphrase (issue 22, Low); restoring it asks for the passphrase again. */
    record EncryptedBackupRequest(String passphrase) {}

    @PostMapping(path = "/backup", consumes = "application/json")
    void downloadEncrypted(@RequestBody EncryptedBackupRequest request, HttpServletResponse response)
            throws IOException {
        String passphrase = request == null ? null : request.passphrase();
        if (passphrase == null || passphrase.length() < Backups.MIN_PASSPHRASE) throw new ShortPassphraseException();
        send(response, passphrase.toCharArray());
    }

    static final class ShortPassphraseException extends RuntimeException {}

    @ExceptionHandler(ShortPassphraseException.class)
    ResponseEntity<ApiError> shortPassphrase() {
        String rule = "at least " + Backups.MIN_PASSPHRASE + " characters";
        return ResponseEntity.badRequest()
                .body(new ApiError("invalid", "The backup passphrase needs " + rule, Map.of("passphrase", rule)));
    }

    private void send(HttpServletResponse response, char[] passphrase) throws IOException {
        Instant now = Instant.now();
        Path tmp = Files.createTempFile("tandem-backup", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                backups.writeArchive(out, now, passphrase);
            }
            response.setContentType(passphrase == null ? "application/zip" : "application/octet-stream");
            response.setHeader(
                    HttpHeaders.CONTENT_DISPOSITION,
                    "attachment; filename=\"" + backups.archiveName(now, passphrase != null) + "\"");
            response.setContentLengthLong(Files.size(tmp));
            try (OutputStream out = response.getOutputStream()) {
                Files.copy(tmp, out);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The archive as the raw request body ({@code Content-Type: application/zip}). */
    // a zip only (not text/plain, which another site's form could send: issue 22, finding 6)
    @PostMapping(
            path = "/restore",
            consumes = {"application/zip", "application/x-zip-compressed", "application/octet-stream"})
    ResponseEntity<RestoreProgress> restore(
            HttpServletRequest request, @RequestHeader(name = PASSPHRASE_HEADER, required = false) String passphrase)
            throws IOException {
        // streamed to disk, at most tandem.uploads.restore (the part read of a larger one is deleted; 413)
        try (InputStream in =
                new LimitedInputStream(request.getInputStream(), "The backup archive", limits.restore())) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(backups.restore(in, passphrase == null ? null : passphrase.toCharArray()));
        }
    }

    /** The passphrase of an encrypted archive sent to {@code /restore} (the body is the archive itself). */
    static final String PASSPHRASE_HEADER = "X-Backup-Passphrase";

    @GetMapping("/restore/status")
    RestoreProgress status() {
        return backups.progress();
    }

    @ExceptionHandler(RestoreBusyException.class)
    ResponseEntity<ApiError> busy(RestoreBusyException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(ApiError.of("restore running", e.getMessage()));
    }
}
