package org.tandem.pbx.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DigestsTest {

    /** The lamps' dialog ids and RLMI ids must stay what they were: phones keep them across NOTIFYs. */
    @Test
    void nameUuidIsTheJdksVersion3Uuid() {
        for (String name : new String[] {"", "a", "3f2a9c@192.0.2.1|INITIATOR", "call-id;tag", "ü|x".repeat(40)}) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            assertThat(Digests.nameUuid(bytes)).as(name).isEqualTo(UUID.nameUUIDFromBytes(bytes));
        }
    }

    @Test
    void digestsAreTheJdksAndTheReusedInstanceStartsAfresh() throws Exception {
        byte[] data = "alice:tandem.local:secret".getBytes(StandardCharsets.UTF_8);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        for (int i = 0; i < 3; i++) {
            assertThat(HexFormat.of().formatHex(Digests.md5(data))).isEqualTo(md5);
            assertThat(HexFormat.of().formatHex(Digests.sha256(data))).isEqualTo(sha);
            assertThat(HexFormat.of().formatHex(Digests.digest("SHA-256", data)))
                    .isEqualTo(sha);
        }
    }

    @Test
    void eachThreadHashesOnItsOwnInstance() throws Exception {
        byte[] data = "INVITE|call|1".getBytes(StandardCharsets.UTF_8);
        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            java.util.List<Future<Boolean>> results = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        if (!HexFormat.of().formatHex(Digests.md5(data)).equals(expected)) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) assertThat(r.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
    }
}
