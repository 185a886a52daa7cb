package org.tandem.operations.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.tandem.settings.PropertyDefaults;

/**
 * The largest file each upload takes ({@code tandem.uploads.*}), enforced on the server whatever the browser
 * was told (OWASP ASVS 4.0.3 V12.1.1: the application will not accept large files that could fill up storage
 * or cause a denial of service). Bodies are streamed to disk and counted, never held whole in memory first.
 *
 * @param greeting   a voicemail greeting in the portal
 * @param prompt     a prompt recording, page or {@code PUT /api/v1/prompts/{id}}
 * @param userImport a CSV of users, page or {@code POST /api/v1/users/import}
 * @param restore    a backup archive to restore, page or {@code POST /api/v1/restore}
 * @param apiBody    any other API request body, i.e. JSON
 */
@ConfigurationProperties("tandem.uploads")
public record UploadLimits(
        @DefaultValue("20MB") DataSize greeting,
        @DefaultValue("20MB") DataSize prompt,
        @DefaultValue("5MB") DataSize userImport,
        @DefaultValue("2GB") DataSize restore,
        @DefaultValue("1MB") DataSize apiBody) {

    public UploadLimits {
        greeting = positive(greeting, "greeting");
        prompt = positive(prompt, "prompt");
        userImport = positive(userImport, "userImport");
        restore = positive(restore, "restore");
        apiBody = positive(apiBody, "apiBody");
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

    private static DataSize positive(DataSize value, String component) {
        return value == null || value.toBytes() <= 0 ? PropertyDefaults.of(UploadLimits.class, component) : value;
    }
}
