package org.tandem.appliance.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.directory.UserImport;

/**
 * {@code POST /api/v1/users/import}: a CSV file as the body ({@code Content-Type: text/csv}). All or
 * nothing: 200 with the count and the generated SIP passwords, or 400 listing every bad row and field.
 * {@code Accept: text/csv} answers with the generated passwords as CSV instead.
 */
@RestController
class UserImportController {

    /** 5 MB: far more than {@link UserImport#MAX_ROWS} users need. */
    private static final int MAX_BYTES = 5 << 20;

    private final UserImport imports;

    UserImportController(UserImport imports) {
        this.imports = imports;
    }

    // Only CSV: a browser form can send text/plain (issue 22, finding 6), never text/csv (Fetch §2.2.2, CORS-safelisted types)
    @PostMapping(path = "/api/v1/users/import", consumes = {"text/csv", "application/csv"})
    ResponseEntity<?> importCsv(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BYTES + 1);
        }
        if (body.length > MAX_BYTES) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(ApiError.of("too large",
                    "The file is larger than 5 MB; split it"));
        }
        UserImport.Result result = imports.importCsv(new String(body, StandardCharsets.UTF_8));
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/csv")) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"generated-sip-passwords.csv\"")
                    .body(result.generatedCsv());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created", result.created());
        json.put("generated", result.generated());
        return ResponseEntity.ok(json);
    }

    record RejectedBody(String error, String message, List<UserImport.Problem> rows) {
    }

    @ExceptionHandler(UserImport.RejectedException.class)
    ResponseEntity<RejectedBody> rejected(UserImport.RejectedException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(new RejectedBody("invalid rows",
                "Nothing was imported: fix the rows listed in 'rows' (line 1 is the header) and import the file again",
                e.problems()));
    }
}
