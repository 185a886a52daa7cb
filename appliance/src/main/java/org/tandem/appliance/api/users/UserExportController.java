package org.tandem.appliance.api.users;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.pbx.directory.UserCsv;
import org.tandem.pbx.directory.UserDirectory;

/**
 * For admins who script or move appliances (issue 17): {@code GET /api/v1/users.csv}, every user as CSV in the import's
 * columns without passwords, and {@code GET /api/v1/users/next-extension}, the extension a new user would be offered
 * ({@code {"extension": null}} when none is free nearby).
 */
@RestController
public class UserExportController {

    private final UserDirectory directory;

    public UserExportController(UserDirectory directory) {
        this.directory = directory;
    }

    @GetMapping(path = "/api/v1/users.csv")
    public ResponseEntity<byte[]> csv() {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", Map.of("charset", "UTF-8", "header", "present")))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("users.csv")
                                .build()
                                .toString())
                .body(UserCsv.of(directory.list()).getBytes(StandardCharsets.UTF_8));
    }

    @GetMapping(path = "/api/v1/users/next-extension", produces = "application/json")
    public Map<String, String> nextExtension() {
        Map<String, String> body = new HashMap<>();
        body.put("extension", directory.nextFreeExtension());
        return body;
    }
}
