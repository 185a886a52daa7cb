package org.tandem.appliance.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.tandem.appliance.TandemApplication;
import org.tandem.appliance.admin.AdminAccounts;
import org.tandem.appliance.admin.AdminRole;
import org.tandem.appliance.blackbox.Sipp;
import org.tandem.appliance.testsupport.ApiClient;
import org.tandem.appliance.testsupport.FormerSchema;
import org.tandem.appliance.testsupport.FreshSipStack;
import org.tandem.pbx.testsupport.FreePorts;
import org.tandem.pbx.voicemail.VoicemailMessage;
import org.tandem.pbx.voicemail.VoicemailStore;
import org.tandem.pbx.voicemail.Wavs;

/**
 * Backup on one appliance, restore on a fresh one with the other database: users with their SIP secrets
 * (a SIPp REGISTER with the old password gets 200), web passwords, trunks, routes, call records, phones
 * and the admin account all come back, through the real in-process restart. Damaged and foreign
 * archives are refused first, each changing nothing. Subclasses choose the source and target database.
 */
abstract class BackupRestoreContract {

    static final String DOMAIN = "backup.test";
    static final String SOURCE_ADMIN = "source-admin-1";
    static final String TARGET_ADMIN = "target-admin-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path sourceDir;

    @TempDir
    Path targetDir;

    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    /** {@code --spring.datasource.*} arguments for the source appliance; empty = H2 under its data dir. */
    abstract Map<String, Object> sourceDatabase();

    abstract Map<String, Object> targetDatabase();

    record Appliance(ConfigurableApplicationContext context, int httpPort, int sipPort) {
        ApiClient api(String password) {
            return new ApiClient(httpPort).as("admin", password);
        }
    }

    Appliance start(Path dataDir, Map<String, Object> database, String adminPassword) {
        FreshSipStack.forgetStoppedStacks();
        int http = FreePorts.udpAndTcp();
        int sip = FreePorts.udpAndTcp();
        List<String> args = new ArrayList<>(List.of(
                "--tandem.data-dir=" + dataDir,
                "--server.address=127.0.0.1",
                "--server.port=" + http,
                "--tandem.sip.bind-address=127.0.0.1",
                "--tandem.sip.port=" + sip,
                "--tandem.sip.tls-port=" + FreePorts.udpAndTcp(),
                "--tandem.domain=" + DOMAIN,
                "--tandem.provisioning.tftp-port=0",
                "--tandem.stun.port=0",
                "--tandem.https-port=0",
                "--tandem.admin.initial-password=" + adminPassword));
        database.forEach((k, v) -> args.add("--" + k + "=" + v));
        ConfigurableApplicationContext ctx =
                new SpringApplicationBuilder(TandemApplication.class).run(args.toArray(String[]::new));
        started.add(ctx);
        return new Appliance(ctx, http, sip);
    }

    @AfterEach
    void stopAll() {
        started.forEach(ConfigurableApplicationContext::close);
        ConfigurableApplicationContext restarted = ContextRestart.latest();
        if (restarted != null) restarted.close();
    }

    @Test
    void restoresEverythingOnAFreshApplianceWithTheOtherDatabaseAndRefusesBadArchivesChangingNothing()
            throws Exception {
        Appliance source = start(sourceDir, sourceDatabase(), SOURCE_ADMIN);
        ApiClient admin = source.api(SOURCE_ADMIN);
        fill(admin, source);
        // a real message (the voicemail start-up sweep would rightly delete a file without its row)
        VoicemailMessage message = source.context()
                .getBean(VoicemailStore.class)
                .deposit(
                        "101",
                        "102",
                        "Bob",
                        Wavs.tone(sourceDir.resolveSibling(sourceDir.getFileName() + "-rec.wav"), 440, 1),
                        Duration.ofSeconds(1));
        byte[] audio = Files.readAllBytes(source.context()
                .getBean(VoicemailStore.class)
                .audio(message.id())
                .orElseThrow());
        byte[] archive = download(source);
        source.context().getBean(AdminAccounts.class).create("reader", "reader-secret-1", AdminRole.OPERATOR, false);
        assertThat(HttpClient.newHttpClient()
                        .send(
                                request(source.httpPort(), "/api/v1/backup", "reader-secret-1", "reader")
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .as("a backup holds every secret: ADMIN only")
                .isEqualTo(403);
        source.context().close();

        Appliance target = start(targetDir, targetDatabase(), TARGET_ADMIN);
        ApiClient targetAdmin = target.api(TARGET_ADMIN);
        byte[] targetKey = Files.readAllBytes(targetDir.resolve("secret.key"));

        refused(target, CorruptArchives.flipByteIn(archive, "database.json"), "damaged");
        refused(target, java.util.Arrays.copyOf(archive, archive.length / 2), "cut short");
        refused(target, zipOf(Map.of("hello.txt", "not a backup")), "which no Tandem backup has");
        refused(target, tarOf("hello.txt", "not a backup"), "not a Tandem backup");
        refused(
                target,
                withManifest(
                        archive,
                        m -> m.replaceFirst("\"schemaVersion\"\\s*:\\s*\"[^\"]*\"", "\"schemaVersion\" : \"999\"")),
                "newer than this appliance");
        refused(target, withoutEntry(archive, "files/secret.key"), "secret.key");
        // nothing changed: the target's own admin, users, key and data dir
        assertThat(targetAdmin.get("/api/v1/users").json().size()).isZero();
        assertThat(Files.readAllBytes(targetDir.resolve("secret.key"))).isEqualTo(targetKey);
        assertThat(targetDir.resolve("voicemail")).doesNotExist();
        assertThat(targetDir.resolve(".restore")).doesNotExist();

        org.springframework.context.ConfigurableApplicationContext before = ContextRestart.latest();
        HttpResponse<String> posted = post(target, TARGET_ADMIN, archive);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        JsonNode done = awaitPhase(target, SOURCE_ADMIN, "DONE", Duration.ofSeconds(120));
        // the restarted context answers HTTP (DONE) before SpringApplication.run returns and ContextRestart records
        // it; until then latest() is null or the context of an earlier restore in this JVM (another class's)
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> ContextRestart.latest() != null && ContextRestart.latest() != before);
        assertThat(done.get("percent").asInt()).isEqualTo(100);
        assertThat(done.get("message").asText()).contains("Restored the backup");

        ApiClient restored = target.api(SOURCE_ADMIN);
        assertThat(restored.get("/api/v1/users/101").json().get("displayName").asText())
                .isEqualTo("Alice");
        assertThat(restored.get("/api/v1/users/102").json().get("email").asText())
                .isEqualTo("bob@example.com");
        assertThat(restored.get("/api/v1/trunks/carrier").status()).isEqualTo(200);
        assertThat(restored.get("/api/v1/trunks/carrier")
                        .json()
                        .get("hasPassword")
                        .asBoolean())
                .isTrue();
        assertThat(restored.get("/api/v1/outbound-routes/local")
                        .json()
                        .get("prepend")
                        .asText())
                .isEqualTo("030");
        assertThat(restored.get("/api/v1/inbound-routes/4930555100")
                        .json()
                        .get("destination")
                        .asText())
                .isEqualTo("extension:101");
        assertThat(restored.get("/api/v1/devices/001565600101")
                        .json()
                        .get("lines")
                        .get(0)
                        .get("extension")
                        .asText())
                .isEqualTo("101");
        assertThat(restored.get("/api/v1/cdrs?extension=101")
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        assertThat(restored.get("/api/v1/users/101/call-settings")
                        .json()
                        .get("dnd")
                        .asBoolean())
                .isTrue();
        VoicemailStore restoredMessages = ContextRestart.latest().getBean(VoicemailStore.class);
        assertThat(restoredMessages.list("101", null)).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo(message.id());
            assertThat(m.caller()).isEqualTo("102");
        });
        assertThat(Files.readAllBytes(restoredMessages.audio(message.id()).orElseThrow()))
                .isEqualTo(audio);
        assertThat(targetDir.resolve(".restore")).doesNotExist();
        assertThat(new ApiClient(target.httpPort())
                        .as("admin", TARGET_ADMIN)
                        .get("/api/v1/users")
                        .status())
                .as("the admin account is the backup's")
                .isEqualTo(401);
        // the SIP secret decrypts with the restored key: REGISTER with the old password
        Sipp.scenario("register", "uac.xml")
                .against(
                        "127.0.0.1:" + target.sipPort(),
                        DOMAIN,
                        targetDir.resolveSibling(targetDir.getFileName() + "-sipp"))
                .service("101")
                .credentials("101", "alice-sip-secret")
                .key("expires", "600")
                .runAndAssertSuccess();
        Sipp.Result wrong = Sipp.scenario("register-wrong-password", "uac.xml")
                .against(
                        "127.0.0.1:" + target.sipPort(),
                        DOMAIN,
                        targetDir.resolveSibling(targetDir.getFileName() + "-sipp"))
                .service("102")
                .credentials("102", "not-bobs-password")
                .key("expires", "600")
                .run();
        assertThat(wrong.exitCode()).as(wrong.diagnostics()).isZero();
        // the database takes new rows after the restore (identity and keys intact)
        ConfigurableApplicationContext running = ContextRestart.latest();
        assertThat(running).isNotNull();
        JdbcClient restoredDb = JdbcClient.create(running.getBean(DataSource.class));
        insertFetch(restoredDb, Instant.now().toEpochMilli());
        assertThat(restoredDb
                        .sql("SELECT COUNT(*) FROM provisioning_fetch")
                        .query(Long.class)
                        .single())
                .isEqualTo(2L);
        assertThat(restored.post(
                                "/api/v1/users",
                                "{\"extension\":\"103\",\"displayName\":\"Carol\","
                                        + "\"password\":\"carol-sip-secret\"}")
                        .status())
                .isEqualTo(201);
    }

    /**
     * Issue 14: a database the former single migration set of pbx-core made opens with the modules' migrations (its
     * history rewritten to their names, nothing run again, every row kept), and the backup taken of it before the
     * move restores on a fresh appliance with the other database.
     */
    @Test
    void aDatabaseAndABackupFromBeforeTheMigrationsMovedIntoTheirModulesOpenAndRestore() throws Exception {
        Map<String, Object> sourceDb = sourceDatabase();
        DataSource former = FormerSchema.dataSource(sourceDir, sourceDb);
        FormerSchema.create(former, sourceDir);
        byte[] archive = FormerSchema.backup(former, sourceDir);
        Map<String, Set<List<String>>> formerRows = FormerSchema.rows(former);
        assertThat(FormerSchema.history(former))
                .hasSize(40)
                .contains("1 | 1 | core | V1__core.sql | 1542349016 | SQL | true");

        Appliance source = start(sourceDir, sourceDb, "not-the-initial-password-1");
        DataSource opened = source.context().getBean(DataSource.class);
        Map<String, Set<List<String>>> openedRows = FormerSchema.rows(opened);
        formerRows.forEach(
                (table, rows) -> assertThat(openedRows.get(table)).as(table).containsAll(rows));
        assertThat(FormerSchema.history(opened).stream().filter(row -> Double.parseDouble(row.split(" \\| ")[1]) <= 70))
                .as("renamed and split, nothing run again (migrations after V70 ran as on any database)")
                .hasSize(42);
        assertThat(FormerSchema.history(opened))
                .contains(
                        "1 | 1 | sip users | V1__sip_users.sql | -482383284 | SQL | true",
                        "2 | 1.1 | registrations | V1.1__registrations.sql | -1411585667 | SQL | true",
                        "3 | 1.2 | admin accounts | V1.2__admin_accounts.sql | 421945961 | SQL | true",
                        "10 | 9 | allow list | V9__allow_list.sql | 289863608 | SQL | true",
                        "42 | 70 | cdr queue visit | V70__cdr_queue_visit.sql | -1137035995 | SQL | true");
        ApiClient formerAdmin = source.api(FormerSchema.ADMIN_PASSWORD);
        assertThat(formerAdmin
                        .get("/api/v1/users/" + FormerSchema.USER)
                        .json()
                        .get("displayName")
                        .asText())
                .isEqualTo("Dora");
        source.context().close();

        Appliance target = start(targetDir, targetDatabase(), TARGET_ADMIN);
        ConfigurableApplicationContext before = ContextRestart.latest();
        HttpResponse<String> posted = post(target, TARGET_ADMIN, archive);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        JsonNode done = awaitPhase(target, FormerSchema.ADMIN_PASSWORD, "DONE", Duration.ofSeconds(120));
        assertThat(done.get("message").asText())
                .contains("Restored the backup of former-host")
                .contains("schema 70");
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> ContextRestart.latest() != null && ContextRestart.latest() != before);
        ApiClient restored = target.api(FormerSchema.ADMIN_PASSWORD);
        assertThat(restored.get("/api/v1/users/" + FormerSchema.USER)
                        .json()
                        .get("email")
                        .asText())
                .isEqualTo("dora@example.com");
        assertThat(restored.get("/api/v1/devices/" + FormerSchema.DEVICE)
                        .json()
                        .get("lines")
                        .get(0)
                        .get("extension")
                        .asText())
                .isEqualTo(FormerSchema.USER);
        assertThat(restored.get("/api/v1/cdrs?extension=" + FormerSchema.USER)
                        .json()
                        .get("total")
                        .asInt())
                .isEqualTo(1);
        JdbcClient restoredDb = JdbcClient.create(ContextRestart.latest().getBean(DataSource.class));
        assertThat(restoredDb
                        .sql("SELECT entry FROM allow_list_entry")
                        .query(String.class)
                        .list())
                .contains("192.0.2.0/24");
        assertThat(restoredDb
                        .sql("SELECT name FROM api_token")
                        .query(String.class)
                        .list())
                .containsExactly("former script");
    }

    private static void fill(ApiClient admin, Appliance source) {
        expect(
                admin.post(
                        "/api/v1/users",
                        "{\"extension\":\"101\",\"displayName\":\"Alice\"," + "\"password\":\"alice-sip-secret\"}"),
                201);
        expect(
                admin.post(
                        "/api/v1/users",
                        "{\"extension\":\"102\",\"displayName\":\"Bob\","
                                + "\"password\":\"bob-sip-secret\",\"email\":\"bob@example.com\"}"),
                201);
        expect(admin.put("/api/v1/users/101/call-settings", "{\"dnd\":true}"), 200);
        expect(
                admin.post(
                        "/api/v1/trunks",
                        "{\"id\":\"carrier\",\"host\":\"127.0.0.1\",\"username\":\"acct\","
                                + "\"password\":\"pw-secret-1\",\"callerId\":\"+4930555000\"}"),
                201);
        expect(
                admin.post(
                        "/api/v1/outbound-routes",
                        "{\"id\":\"local\",\"patterns\":[\"9|NXXXXXX\"],"
                                + "\"prepend\":\"030\",\"trunks\":[\"carrier\"],\"permission\":\"local\"}"),
                201);
        expect(admin.put("/api/v1/inbound-routes/4930555100", "{\"destination\":\"extension:101\"}"), 200);
        expect(
                admin.post(
                        "/api/v1/devices",
                        "{\"mac\":\"001565600101\",\"vendor\":\"yealink\",\"model\":\"SIP-T46S\","
                                + "\"lines\":[\"101\"]}"),
                201);
        long now = Instant.now().toEpochMilli();
        JdbcClient.create(source.context().getBean(DataSource.class))
                .sql(
                        "INSERT INTO cdr (call_id, caller_extension, dialled, direction, start_ms, end_ms, last_seen_ms, "
                                + "billable_seconds, disposition, started, closed_at_restart) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        "backup-call-1@test",
                        "101",
                        "102",
                        "INTERNAL",
                        now - 60_000,
                        now - 30_000,
                        now - 30_000,
                        30,
                        "ANSWERED",
                        true,
                        false)
                .update();
        insertFetch(JdbcClient.create(source.context().getBean(DataSource.class)), now);
    }

    /** A row with an AUTO_INCREMENT key, so the restore must leave the identity past the restored ids. */
    private static void insertFetch(JdbcClient jdbc, long now) {
        jdbc.sql(
                        "INSERT INTO provisioning_fetch (at_ms, mac, source, protocol, file_name, result) VALUES (?, ?, ?, ?, ?, ?)")
                .params(now, "001565600101", "127.0.0.1", "http", "y000000000000.cfg", "served")
                .update();
    }

    private static void expect(ApiClient.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
    }

    private void refused(Appliance target, byte[] archive, String reason) throws Exception {
        HttpResponse<String> posted = post(target, TARGET_ADMIN, archive);
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        JsonNode status = awaitPhase(target, TARGET_ADMIN, "REFUSED", Duration.ofSeconds(30));
        assertThat(status.get("message").asText())
                .contains("nothing was changed")
                .contains(reason);
    }

    static byte[] download(Appliance a) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = HttpClient.newHttpClient()
                .send(
                        request(a.httpPort(), "/api/v1/backup", SOURCE_ADMIN)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElse(""))
                .matches("attachment; filename=\"tandem-backup-.+-\\d{8}-\\d{6}\\.zip\"");
        return r.body();
    }

    static HttpResponse<String> post(Appliance a, String password, byte[] archive)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient()
                .send(
                        request(a.httpPort(), "/api/v1/restore", password)
                                .header("Content-Type", "application/zip")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(archive))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    /** Polls the status (bounded) until {@code phase}; connection failures during the restart are retried. */
    static JsonNode awaitPhase(Appliance a, String password, String phase, Duration max) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(max);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> r = http.send(
                        request(a.httpPort(), "/api/v1/restore/status", password)
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                last = r.statusCode() + " " + r.body();
                if (r.statusCode() == 200) {
                    JsonNode json = JSON.readTree(r.body());
                    if (json.get("phase").asText().equals(phase)) return json;
                    assertThat(json.get("phase").asText()).as(last).isNotIn("REFUSED", "FAILED", "IDLE");
                }
            } catch (IOException restarting) {
                last = restarting.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("restore did not reach " + phase + " within " + max + "; last: " + last);
    }

    private static HttpRequest.Builder request(int port, String path, String password) {
        return request(port, path, password, "admin");
    }

    private static HttpRequest.Builder request(int port, String path, String password, String user) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    // ---- archive surgery ----------------------------------------------------------------------------

    /** Flips one byte inside the compressed data of {@code entry} (a bit rot the zip CRC or SHA-256 catches). */
    static byte[] zipOf(Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A real tar made by tar(1). */
    static byte[] tarOf(String name, String content) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("tar");
        Files.writeString(dir.resolve(name), content);
        Process p = new ProcessBuilder("tar", "-cf", "a.tar", name)
                .directory(dir.toFile())
                .inheritIO()
                .start();
        assertThat(p.waitFor()).isZero();
        return Files.readAllBytes(dir.resolve("a.tar"));
    }

    interface Edit {
        String apply(String manifest);
    }

    /** The same archive with its manifest edited (the manifest lists checksums of the others, not itself). */
    static byte[] withManifest(byte[] archive, Edit edit) throws IOException {
        return rewrite(archive, null, edit);
    }

    static byte[] withoutEntry(byte[] archive, String drop) throws IOException {
        return rewrite(archive, drop, m -> m);
    }

    private static byte[] rewrite(byte[] archive, String drop, Edit edit) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(drop)) continue;
                if (e.getName().equals("manifest.json")) {
                    String m = new String(content, StandardCharsets.UTF_8);
                    if (drop != null) {
                        // drop its line from the manifest too, so only the missing key is wrong
                        JsonNode tree = JSON.readTree(m);
                        var entries = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("entries");
                        for (int i = entries.size() - 1; i >= 0; i--) {
                            if (entries.get(i).get("name").asText().equals(drop)) entries.remove(i);
                        }
                        m = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
                    }
                    content = edit.apply(m).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
