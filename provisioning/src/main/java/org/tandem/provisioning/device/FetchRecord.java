package org.tandem.provisioning.device;

import java.time.Instant;

/**
 * One configuration fetch, as logged.
 *
 * @param mac    the device the file belonged to, or null (common file, unknown token)
 * @param result what was served: see {@link FetchResult}
 */
public record FetchRecord(
        long id,
        Instant at,
        String mac,
        String source,
        String protocol,
        String fileName,
        String userAgent,
        FetchResult result) {}
