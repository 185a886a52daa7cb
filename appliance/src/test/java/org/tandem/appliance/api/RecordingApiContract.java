package org.tandem.appliance.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.testsupport.ApiClient;
import org.tandem.appliance.testsupport.ApiClient.Response;
import org.tandem.media.relay.RecordedAudio;
import org.tandem.pbx.anchor.CallRecorder.Involved;
import org.tandem.pbx.recording.CallRecordings;

/**
 * Call recordings over the REST API (issue 18): the rules, the retention, and the recordings the relay's recorder
 * hands over (here: handed over through the service with a WAV written where the rules said, as the anchor does;
 * the recorded call itself is NatAudioIT's). Run per database by its subclasses; each test uses its own extensions.
 */
abstract class RecordingApiContract extends ApiTestBase {

    @Autowired
    CallRecordings recordings;

    @Test
    void rulesAreSetListedAndRemovedAndBadOnesRefusedByField() {
        Response bad = admin.put("/api/v1/recording-rules/GROUP/x%20y", "{\"mode\":\"SOMETIMES\"}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("scope").asText()).contains("USER");
        assertThat(bad.json().get("fields").get("mode").asText()).contains("ALWAYS");
        assertThat(bad.json().get("fields").get("subject").asText()).contains("1-64");
        assertNoStackTrace(bad);

        Response set = admin.put("/api/v1/recording-rules/USER/7761", "{\"mode\":\"always\"}");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("mode").asText()).isEqualTo("ALWAYS");
        assertThat(admin.put("/api/v1/recording-rules/TRUNK/provider", "{\"mode\":\"NEVER\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.get("/api/v1/recording-rules").json().toString())
                .contains("{\"scope\":\"USER\",\"subject\":\"7761\",\"mode\":\"ALWAYS\",\"announce\":false}")
                .contains("{\"scope\":\"TRUNK\",\"subject\":\"provider\",\"mode\":\"NEVER\",\"announce\":false}");

        // the rules as the anchor asks them: ALWAYS by the callee, NEVER by the trunk wins
        assertThat(recordings.recordTo("c-1", new Involved(null, List.of("7761"), null, null)))
                .isNotNull();
        assertThat(recordings.recordTo("c-2", new Involved(null, List.of("7761"), "provider", null)))
                .isNull();
        assertThat(recordings.recordTo("c-3", new Involved("7762", List.of("7763"), null, null)))
                .isNull();

        assertThat(admin.delete("/api/v1/recording-rules/USER/7761").status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/recording-rules/USER/7761").status()).isEqualTo(404);
        assertThat(recordings.recordTo("c-4", new Involved(null, List.of("7761"), null, null)))
                .isNull();
        assertThat(admin.delete("/api/v1/recording-rules/TRUNK/provider").status())
                .isEqualTo(204);
    }

    @Test
    void aRecordingIsListedDownloadedDeletedAndOnlyAdminsReachIt() throws Exception {
        admin.put("/api/v1/recording-rules/USER/7771", "{\"mode\":\"ALWAYS\"}");
        Involved call = new Involved("7771", List.of("7772"), null, null);
        Path file = recordings.recordTo("rec-call-1", call);
        byte[] wav = stereoWav(800);
        Files.createDirectories(file.getParent());
        Files.write(file, wav);
        recordings.recorded("rec-call-1", call, Instant.now(), new RecordedAudio(file, 800, 0, 0));

        JsonNode mine = admin.get("/api/v1/recordings?extension=7772").json();
        assertThat(mine).hasSize(1);
        JsonNode r = mine.get(0);
        assertThat(r.get("callId").asText()).isEqualTo("rec-call-1");
        assertThat(r.get("callerExtension").asText()).isEqualTo("7771");
        assertThat(r.get("durationMs").asLong()).isEqualTo(100);
        assertThat(r.get("bytes").asLong()).isEqualTo(wav.length);
        assertThat(admin.get("/api/v1/recordings?extension=7773").json()).isEmpty();
        long id = r.get("id").asLong();
        assertThat(admin.get("/api/v1/recordings").json().findValuesAsText("callId"))
                .contains("rec-call-1");
        assertThat(admin.getBytes("/api/v1/recordings/" + id + "/audio")).isEqualTo(wav);

        if (accounts.find("rec-reader").isEmpty())
            accounts.create("rec-reader", "reader-secret", AdminRole.OPERATOR, false);
        ApiClient operator = anonymous.as("rec-reader", "reader-secret");
        assertThat(operator.get("/api/v1/recordings").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/recordings/" + id + "/audio").status()).isEqualTo(403);
        assertThat(anonymous.get("/api/v1/recordings").status()).isEqualTo(401);

        assertThat(admin.delete("/api/v1/recordings/" + id).status()).isEqualTo(204);
        assertThat(file).doesNotExist();
        Response gone = admin.get("/api/v1/recordings/" + id + "/audio");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.body()).contains("GET /api/v1/recordings");
        admin.delete("/api/v1/recording-rules/USER/7771");
    }

    @Test
    void recordingsOlderThanTheRetentionAreDeletedWithTheirFiles() throws Exception {
        Response bad = admin.put("/api/v1/recordings/policy", "{\"retentionDays\":-1}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").has("retentionDays")).isTrue();

        admin.put("/api/v1/recording-rules/USER/7781", "{\"mode\":\"ALWAYS\"}");
        Involved call = new Involved("7781", List.of(), null, null);
        Path oldFile = recordings.recordTo("old-call", call);
        Files.createDirectories(oldFile.getParent());
        Files.write(oldFile, stereoWav(8));
        recordings.recorded(
                "old-call", call, Instant.now().minus(Duration.ofDays(40)), new RecordedAudio(oldFile, 8, 0, 0));
        Path newFile = oldFile.resolveSibling("new-" + oldFile.getFileName());
        Files.write(newFile, stereoWav(8));
        recordings.recorded(
                "new-call", call, Instant.now().minus(Duration.ofDays(2)), new RecordedAudio(newFile, 8, 0, 0));

        assertThat(admin.put("/api/v1/recordings/policy", "{\"retentionDays\":30}")
                        .json()
                        .get("retentionDays")
                        .asInt())
                .isEqualTo(30);
        assertThat(recordings.applyRetention()).isEqualTo(1);
        assertThat(admin.get("/api/v1/recordings?extension=7781").json().findValuesAsText("callId"))
                .containsExactly("new-call");
        assertThat(oldFile).doesNotExist();
        assertThat(newFile).exists();
        admin.put("/api/v1/recordings/policy", "{\"retentionDays\":90}");
        admin.delete("/api/v1/recording-rules/USER/7781");
    }

    @Test
    void beyondTheDiskQuotaTheOldestRecordingsAreDeletedWithTheirFiles() throws Exception {
        Response bad = admin.put("/api/v1/recordings/policy", "{\"retentionDays\":30,\"quotaMegabytes\":-5}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().get("fields").get("quotaMegabytes").asText()).contains("0 (no quota)");
        assertThat(bad.json().get("fields").has("retentionDays")).isFalse();
        JsonNode unchanged = admin.get("/api/v1/recordings/policy").json();
        assertThat(unchanged.get("retentionDays").asInt())
                .as("a bad quota saves neither")
                .isEqualTo(90);
        assertThat(unchanged.get("quotaMegabytes").asInt()).isZero();

        admin.put("/api/v1/recording-rules/USER/7791", "{\"mode\":\"ALWAYS\"}");
        Involved call = new Involved("7791", List.of(), null, null);
        List<Path> files = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) { // 3 x 400 kB, oldest first: 1.2 MB against a quota of 1 MB
                Path file = recordings.recordTo("quota-call-" + i, call);
                file = file.resolveSibling("quota-" + i + "-" + file.getFileName());
                Files.createDirectories(file.getParent());
                Files.write(file, stereoWav(100_000));
                files.add(file);
                recordings.recorded(
                        "quota-call-" + i,
                        call,
                        Instant.now().minus(Duration.ofMinutes(30 - i)),
                        new RecordedAudio(file, 100_000, 0, 0));
            }
            assertThat(admin.get("/api/v1/recordings?extension=7791").json().findValuesAsText("callId"))
                    .hasSize(3);

            Response set = admin.put("/api/v1/recordings/policy", "{\"quotaMegabytes\":1}");
            assertThat(set.status()).as(set.toString()).isEqualTo(200);
            assertThat(set.json().get("quotaMegabytes").asInt()).isEqualTo(1);
            assertThat(set.json().get("retentionDays").asInt())
                    .as("left out: kept")
                    .isEqualTo(90);

            // the quota is applied off the request, on the recordings' housekeeping thread, which deletes the rows
            // first and then counts the space again: both are waited for
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            List<String> left;
            while (((left = admin.get("/api/v1/recordings?extension=7791")
                                                    .json()
                                                    .findValuesAsText("callId"))
                                            .size()
                                    > 2
                            || recordings.space().totalBytes() > 1024 * 1024)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(left).containsExactly("quota-call-2", "quota-call-1");
            assertThat(files.get(0)).as("the oldest one's file").doesNotExist();
            assertThat(files.get(1)).exists();
            assertThat(files.get(2)).exists();
            assertThat(recordings.space().totalBytes()).isLessThanOrEqualTo(1024 * 1024);
            assertThat(recordings.space().deletedForQuota()).isPositive();
        } finally {
            admin.put("/api/v1/recordings/policy", "{\"quotaMegabytes\":0}");
            admin.delete("/api/v1/recording-rules/USER/7791");
        }
    }

    /**
     * ON_DEMAND is a user's mode only (a queue, trunk or DID cannot dial the code: 400 at the mode); a queue's rule is
     * ALWAYS or NEVER. What the anchor and the queue are told: ON_DEMAND users with their key code, ALWAYS of another
     * party records all, NEVER wins over both; a queue call is recorded by its queue's ALWAYS unless a party says NEVER.
     */
    @Test
    void onDemandIsForUsersAndQueuesHaveRulesOfTheirOwn() {
        for (String scope : List.of("QUEUE/7700", "TRUNK/provider", "DID/4930555")) {
            Response bad = admin.put("/api/v1/recording-rules/" + scope, "{\"mode\":\"ON_DEMAND\"}");
            assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
            assertThat(bad.json().get("fields").get("mode").asText()).contains("for users only");
            assertNoStackTrace(bad);
        }
        Response never = admin.put("/api/v1/recording-rules/USER/7765", "{\"mode\":\"NEVER\",\"announce\":true}");
        assertThat(never.status()).as(never.toString()).isEqualTo(400);
        assertThat(never.json().get("fields").get("announce").asText()).contains("NEVER rule records nothing");
        Response set = admin.put("/api/v1/recording-rules/USER/7765", "{\"mode\":\"on_demand\",\"announce\":true}");
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().get("mode").asText()).isEqualTo("ON_DEMAND");
        assertThat(set.json().get("announce").asBoolean()).isTrue();
        assertThat(admin.put("/api/v1/recording-rules/QUEUE/7766", "{\"mode\":\"ALWAYS\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.put("/api/v1/recording-rules/USER/7767", "{\"mode\":\"ALWAYS\"}")
                        .status())
                .isEqualTo(200);
        assertThat(admin.put("/api/v1/recording-rules/USER/7768", "{\"mode\":\"NEVER\"}")
                        .status())
                .isEqualTo(200);
        try {
            assertThat(admin.get("/api/v1/recording-rules").json().toString())
                    .contains("{\"scope\":\"USER\",\"subject\":\"7765\",\"mode\":\"ON_DEMAND\",\"announce\":true}")
                    .contains("{\"scope\":\"QUEUE\",\"subject\":\"7766\",\"mode\":\"ALWAYS\",\"announce\":false}");

            var onDemand = recordings.plan("d-1", new Involved("7765", List.of("7764"), null, null));
            assertThat(onDemand.always()).as("nothing from the answer on").isNull();
            assertThat(onDemand.onDemand()).containsExactly("7765");
            assertThat(onDemand.keyCode()).isEqualTo("*1");
            assertThat(onDemand.announcement())
                    .as("the ON_DEMAND rule announces: the call-recorded prompt")
                    .isNotNull()
                    .hasSizeGreaterThan(8000);
            assertThat(recordings.fileFor("d-1")).isNotEqualTo(recordings.fileFor("d-1")); // a name per span
            var always = recordings.plan("d-2", new Involved("7765", List.of("7767"), null, null));
            assertThat(always.always()).isNotNull();
            assertThat(always.onDemand()).isEmpty();
            assertThat(always.announcement())
                    .as("7767's ALWAYS does not announce")
                    .isNull();
            assertThat(recordings.plan("d-3", new Involved("7765", List.of("7768"), null, null)))
                    .isNull();
            assertThat(recordings.plan("d-4", new Involved("7764", List.of("7763"), null, null)))
                    .isNull();

            assertThat(recordings.recordsQueueCall("7766", new Involved(null, List.of("7764"), "provider", null)))
                    .isTrue();
            assertThat(recordings.recordsQueueCall("7766", new Involved(null, List.of("7768"), null, null)))
                    .as("the agent's NEVER")
                    .isFalse();
            assertThat(recordings.recordsQueueCall("7769", new Involved(null, List.of("7764"), null, null)))
                    .isFalse();
        } finally {
            for (String rule : List.of("USER/7765", "QUEUE/7766", "USER/7767", "USER/7768")) {
                admin.delete("/api/v1/recording-rules/" + rule);
            }
        }
    }

    /**
     * Recordings in backups by choice: on (the default) a backup holds a recording's file and row; off it holds
     * neither (the call_recording table travels empty), and the rest of the backup is unchanged.
     */
    @Test
    void backupsCarryTheRecordingsOnlyWhileTheAdminWantsThem() throws Exception {
        assertThat(admin.get("/api/v1/recordings/policy")
                        .json()
                        .get("includeInBackups")
                        .asBoolean())
                .isTrue();
        Response bad = admin.put("/api/v1/recordings/policy", "{}");
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        admin.put("/api/v1/recording-rules/USER/7751", "{\"mode\":\"ALWAYS\"}");
        Involved call = new Involved("7751", List.of(), null, null);
        Path file = recordings.plan("backup-call", call).always();
        Files.createDirectories(file.getParent());
        Files.write(file, stereoWav(80));
        recordings.recorded("backup-call", call, Instant.now(), new RecordedAudio(file, 80, 0, 0));
        String entry = "files/recordings/calls/"
                + file.getParent()
                        .getParent()
                        .getParent()
                        .getParent()
                        .relativize(file)
                        .toString()
                        .replace('\\', '/');
        try {
            java.util.Map<String, byte[]> with = unzip(admin.getBytes("/api/v1/backup"));
            assertThat(with).containsKey(entry);
            assertThat(new String(with.get("database.json"))).contains("backup-call");

            Response off = admin.put("/api/v1/recordings/policy", "{\"includeInBackups\":false}");
            assertThat(off.status()).as(off.toString()).isEqualTo(200);
            assertThat(off.json().get("includeInBackups").asBoolean()).isFalse();
            assertThat(off.json().get("retentionDays").asInt())
                    .as("left out: kept")
                    .isEqualTo(90);
            java.util.Map<String, byte[]> without = unzip(admin.getBytes("/api/v1/backup"));
            assertThat(without.keySet()).noneMatch(n -> n.startsWith("files/recordings/calls/"));
            String dump = new String(without.get("database.json"));
            assertThat(dump).doesNotContain("backup-call").contains("\"call_recording\"");
            assertThat(without).containsKey("manifest.json");
        } finally {
            admin.put("/api/v1/recordings/policy", "{\"includeInBackups\":true}");
            admin.delete("/api/v1/recording-rules/USER/7751");
        }
    }

    private static java.util.Map<String, byte[]> unzip(byte[] zip) throws java.io.IOException {
        java.util.Map<String, byte[]> entries = new java.util.HashMap<>();
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry())
                entries.put(e.getName(), in.readAllBytes());
        }
        return entries;
    }

    private static byte[] stereoWav(int frames) {
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes())
                .putInt(36 + frames * 4)
                .put("WAVE".getBytes())
                .put("fmt ".getBytes())
                .putInt(16)
                .putShort((short) 1)
                .putShort((short) 2)
                .putInt(8000)
                .putInt(32000)
                .putShort((short) 4)
                .putShort((short) 16)
                .put("data".getBytes())
                .putInt(frames * 4);
        for (int i = 0; i < frames; i++) b.putShort((short) i).putShort((short) -i);
        return b.array();
    }
}
