package org.tandem.provisioning.serving;

import java.nio.charset.StandardCharsets;
import org.tandem.provisioning.device.FetchResult;

/** The answer to a {@link FetchRequest}: a status (HTTP terms: 200, 401, 404) and, for 200, the file. */
public record ServedFile(int status, byte[] body, String contentType, FetchResult result) {

    static ServedFile ok(String text, String contentType, FetchResult result) {
        return new ServedFile(200, text.getBytes(StandardCharsets.UTF_8), contentType, result);
    }

    static ServedFile refused(int status, FetchResult result) {
        return new ServedFile(status, new byte[0], "text/plain", result);
    }
}
