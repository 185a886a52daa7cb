package org.tandem.appliance.api.users;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.ApiErrorHandler;
import org.tandem.operations.upload.LimitedInputStream;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.pbx.directory.UserImport;

/**
 * {@code POST /api/v1/users/import}: a CSV file as the body ({@code Content-Type: text/csv}). All or
 * nothing: 200 with the count and the generated SIP passwords, or 400 listing every bad row and field.
 * {@code Accept: text/csv} answers with the generated passwords as CSV instead.
 */
@RestController
class UserImportController {

    private final UserImport imports;
    private final UploadLimits limits;

    UserImportController(UserImport imports, UploadLimits limits) {
        this.imports = imports;
        this.limits = limits;
    }

    // Only CSV: a browser form can send text/plain (issue 22, finding 6), never text/csv (Fetch §2.2.2, CORS-safelisted
    // types)
    @PostMapping(
            path = "/api/v1/users/import",
            consumes = {"text/csv", "application/csv"})
    ResponseEntity<?> importCsv(HttpServletRequest request) throws IOException {
        byte[] body;
        // at most tandem.uploads.user-import (5 MB: far more than UserImport.MAX_ROWS users need); past it, 413
        try (InputStream in = new LimitedInputStream(request.getInputStream(), "The CSV file", limits.userImport())) {
            body = in.readAllBytes();
        }
        UserImport.Result result = imports.importCsv(new String(body, StandardCharsets.UTF_8));
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/csv")) {
            return ResponseEntity.ok()
                    .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"generated-sip-passwords.csv\"")
                    .body(result.generatedCsv());
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created", result.created());
        json.put("generated", result.generated());
        return ResponseEntity.ok(json);
    }

    record RejectedBody(String error, String message, List<Row> rows) {}

    /** One bad row's field; {@code message} in the language Accept-Language asks for (English by default). */
    record Row(int line, String field, String message) {}

    @ExceptionHandler(UserImport.RejectedException.class)
    ResponseEntity<RejectedBody> rejected(UserImport.RejectedException e, HttpServletRequest request) {
        Locale language = ApiErrorHandler.language(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_JSON)
                .body(new RejectedBody(
                        "invalid rows",
                        "Nothing was imported: fix the rows listed in 'rows' (line 1 is the header) and import the file again",
                        e.problems().stream()
                                .map(p -> new Row(p.line(), p.field(), p.message(language)))
                                .toList()));
    }
}
