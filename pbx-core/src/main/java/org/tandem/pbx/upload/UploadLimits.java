package org.tandem.pbx.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The largest file each upload takes ({@code tandem.uploads.*}), enforced on the server whatever the browser
 * was told (OWASP ASVS 4.0.3 V12.1.1: the application will not accept large files that could fill up storage
 * or cause a denial of service). Bodies are streamed to disk and counted, never held whole in memory first.
 *
 * @param greeting   a voicemail greeting in the portal (default 20 MB)
 * @param prompt     a prompt recording, page or {@code PUT /api/v1/prompts/{id}} (default 20 MB)
 * @param userImport a CSV of users, page or {@code POST /api/v1/users/import} (default 5 MB)
 * @param restore    a backup archive to restore, page or {@code POST /api/v1/restore} (default 2 GB)
 * @param apiBody    any other API request body, i.e. JSON (default 1 MB)
 */
@ConfigurationProperties("tandem.uploads")
public record UploadLimits(DataSize greeting, DataSize prompt, DataSize userImport, DataSize restore, DataSize apiBody) {

    public UploadLimits {
        greeting = positive(greeting, DataSize.ofMegabytes(20));
        prompt = positive(prompt, DataSize.ofMegabytes(20));
        userImport = positive(userImport, DataSize.ofMegabytes(5));
        restore = positive(restore, DataSize.ofGigabytes(2));
        apiBody = positive(apiBody, DataSize.ofMegabytes(1));
    }

    /** The defaults, for code that runs without Spring's binding (tests). */
    public static UploadLimits defaults() {
        return new UploadLimits(null, null, null, null, null);
    }

    /** "20 MB" for a person. */
    public static String text(DataSize size) {
        long b = size.toBytes();
        if (b % (1L << 30) == 0) return (b >> 30) + " GB";
        if (b % (1L << 20) == 0) return (b >> 20) + " MB";
        if (b % (1L << 10) == 0) return (b >> 10) + " KB";
        return b + " bytes";
    }

    private static DataSize positive(DataSize value, DataSize otherwise) {
        return value == null || value.toBytes() <= 0 ? otherwise : value;
    }
}
