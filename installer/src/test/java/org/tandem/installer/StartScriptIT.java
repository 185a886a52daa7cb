package org.tandem.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tandem.service's ExecStart, {@code /usr/lib/tandem/start}, with the built jar (issue 23, cold start): the first
 * run extracts the jar and writes the list of the classes it loads; the next run makes a static class-data-sharing
 * archive from that list in the background; the run after loads the appliance's classes from it (the JVM's
 * class-load log says "shared objects file"). Not a dynamic archive recorded at a run's exit: JDK 17 stores the
 * "queued for compilation" mark of the methods in the compile queue then, and they were never compiled again
 * (JDK-8306460). A list cut mid-line (a first run killed) still makes an archive, a short one (killed early) is
 * written again; an archive the JDK cannot map is made again instead of slowing every start. Each run stops by itself once its Spring context is refreshed
 * ({@code spring.context.exit=onRefresh}, what Spring Boot offers for CDS training), on its own data dir and free
 * loopback ports.
 */
class StartScriptIT {

    static final Path SCRIPT = Path.of("src/deb/lib/start").toAbsolutePath();

    @Test
    void theArchiveMadeFromTheFirstRunsClassListLoadsTheApplianceFromTheThirdStartOn(@TempDir Path dir)
            throws Exception {
        Path jar = dir.resolve("tandem.jar");
        Files.copy(Path.of(System.getProperty("tandem.jar", "../appliance/target/tandem.jar")), jar);
        Path cds = dir.resolve("cds");
        Path list = cds.resolve("classes.lst");
        Path archive = cds.resolve("tandem.jsa");

        String first = start(dir, jar, cds, "first");
        assertThat(cds.resolve("app/tandem.jar")).as(first).isRegularFile();
        assertThat(Files.readString(list, StandardCharsets.UTF_8))
                .as("the classes the first run loaded\n" + first)
                .contains("org/tandem/appliance/TandemApplication");
        assertThat(archive).as("no archive recorded at the first run's exit").doesNotExist();
        assertThat(first)
                .as(
                        "the packaged start migrates the schema on a thread of its own (ApplianceContexts, SchemaMigration);"
                                + " logback shows a thread's last 15 characters")
                .containsPattern(
                        "\\[chema-migration\\] o\\.f\\.core\\.internal\\.command\\.DbMigrate +: Successfully applied");
        // as a first run killed while the JVM wrote a line could leave the list
        String whole = Files.readString(list, StandardCharsets.UTF_8);
        Files.writeString(list, whole.substring(0, whole.length() - 7), StandardCharsets.UTF_8);

        String second = start(dir, jar, cds, "second");
        assertThat(Files.readString(dir.resolve("second-classes.log"), StandardCharsets.UTF_8))
                .as("the second run starts at once, without an archive of its own")
                .doesNotContainPattern("org\\.tandem\\.\\S+ source: shared objects file");
        awaitArchive(cds, second);

        start(dir, jar, cds, "third");
        assertThat(cds.resolve("tandem.jsa.ok"))
                .as("the archive checked once, not at every start")
                .isNotEmptyFile();
        String loaded = Files.readString(dir.resolve("third-classes.log"), StandardCharsets.UTF_8);
        assertThat(loaded).containsPattern("org\\.tandem\\.appliance\\.TandemApplication source: shared objects file");
        assertThat(loaded).containsPattern("org\\.springframework\\.\\S+ source: shared objects file");

        archive.toFile().setWritable(true);
        try (RandomAccessFile cut = new RandomAccessFile(archive.toFile(), "rw")) {
            cut.setLength(4096); // as a power loss while it was moved into place could leave it
        }
        String fourth = start(dir, jar, cds, "fourth");
        assertThat(fourth).contains("tandem.jsa is not usable; making it again from the class list");
        awaitArchive(cds, fourth);

        // a first run stopped early: its short list makes no archive, the next run lists its classes again
        Files.delete(archive);
        Files.writeString(list, String.join("\n", whole.lines().limit(600).toList()) + "\n", StandardCharsets.UTF_8);
        String fifth = start(dir, jar, cds, "fifth");
        assertThat(fifth).contains("lists only 600 classes (a first run stopped early); a new list at this run");
        assertThat(Files.readString(list, StandardCharsets.UTF_8).lines().count())
                .as("listed again by the fifth run")
                .isGreaterThan(5_000L);
        assertThat(archive).as("no archive of the short list").doesNotExist();

        // a cut archive whose class list is gone too: the message says what the start does instead
        Files.write(archive, new byte[4096]);
        Files.delete(list);
        String sixth = start(dir, jar, cds, "sixth");
        assertThat(sixth)
                .contains("tandem.jsa is not usable and its class list is gone; listing the classes again at this run")
                .doesNotContain("making it again from the class list");
        assertThat(Files.readString(list, StandardCharsets.UTF_8).lines().count())
                .as("listed again by the sixth run")
                .isGreaterThan(5_000L);
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("a crash report of the archive check stays in the CDS directory, not the working directory")
                    .noneMatch(name -> name.startsWith("hs_err_pid"));
        }
    }

    /** The background dump (at the lowest CPU priority, on a busy CI machine) makes the archive within minutes. */
    private static void awaitArchive(Path cds, String startOutput) {
        Path archive = cds.resolve("tandem.jsa");
        await().atMost(Duration.ofMinutes(8))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Path log = cds.resolve("dump.log");
                    String dump = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no dump.log)";
                    assertThat(archive)
                            .as("made from the class list in the background\n" + startOutput + "\n" + dump)
                            .isRegularFile();
                    assertThat(Files.size(archive)).as("a whole archive").isGreaterThan(1_000_000L);
                });
        assertThat(cds.resolve("tandem.jsa.part"))
                .as("moved into place when complete")
                .doesNotExist();
    }

    /**
     * The C1 and C2 compiler threads of the JVM the script execs run in the idle scheduling class while the appliance
     * starts, Java's main thread (Spring's start) as it was: on two cores the compilers used more CPU than the start
     * and it waited for them (bench/RESULTS.md, sessions 36 and 38). Once it is over they run at nice 0 like the rest
     * of the JVM: at nice 10 they compiled the calls' code only after the load that made it hot (session 61). The
     * appliance says the start is over with the file the script names (-Dorg.tandem.start.ready-file, in TMPDIR),
     * which the script then removes. On up to three cores the JVM has two C2 threads from its start (bench/RESULTS.md,
     * session 40), both reniced.
     */
    @Test
    void theJitsCompilerThreadsRunBelowTheStartsPriority(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("tandem.jar");
        Files.copy(Path.of(System.getProperty("tandem.jar", "../appliance/target/tandem.jar")), jar);
        Path tmp = Files.createDirectory(dir.resolve("tmp"));
        ProcessBuilder pb = new ProcessBuilder(command(dir, "nice"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nice.log").toFile());
        pb.environment().put("TANDEM_JAR", jar.toString());
        pb.environment().put("TANDEM_CDS", "off");
        pb.environment().put("TMPDIR", tmp.toString());
        pb.environment().put("TANDEM_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -Djava.io.tmpdir=" + dir);
        Process p = pb.start();
        p.getOutputStream().close();
        try {
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(schedulingByThread(p.pid()))
                            .as("scheduling class/nice of the JVM's threads while it starts (the script's pid, exec)")
                            .containsEntry("C1 CompilerThre", Set.of(IDLE + "/0"))
                            .containsEntry("C2 CompilerThre", Set.of(IDLE + "/0"))
                            .containsEntry("java", Set.of(NORMAL + "/0")));
            assertThat(Files.readString(dir.resolve("nice.log"), StandardCharsets.UTF_8))
                    .as("switched before the appliance is running")
                    .doesNotContain("Tandem is running");
            if (thpOffered()) {
                assertThat(anonHugePagesKb(p.pid()))
                        .as("the heap on transparent huge pages (-XX:+UseTransparentHugePages)")
                        .isPositive();
            }
            if (Runtime.getRuntime().availableProcessors() <= 3) {
                assertThat(threadsNamed(p.pid(), "C2 CompilerThre"))
                        .as("two C2 threads on up to three cores, made at the JVM's start (both reniced above)")
                        .isEqualTo(2);
            }
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(schedulingByThread(p.pid()))
                            .as("once the start is over")
                            .containsEntry("C1 CompilerThre", Set.of(NORMAL + "/0"))
                            .containsEntry("C2 CompilerThre", Set.of(NORMAL + "/0"))
                            .containsEntry("java", Set.of(NORMAL + "/0")));
            assertThat(Files.readString(dir.resolve("nice.log"), StandardCharsets.UTF_8))
                    .as("switched after the banner (the appliance's readiness comes after every ready listener)")
                    .contains("Tandem is running")
                    .as("the script's property is no setting the appliance warns of")
                    .doesNotContain("is no Tandem setting");
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(tmp)
                            .as("the start's ready file, removed by the script")
                            .isEmptyDirectory());
            assertThat(p.children().map(c -> c.info().command().orElse("?")))
                    .as("the script's background loop is not the JVM's child (it would stay its zombie after it ends)")
                    .isEmpty();
        } finally {
            p.destroy();
            if (!p.waitFor(1, TimeUnit.MINUTES)) p.destroyForcibly();
        }
    }

    /**
     * The JVM gets -XX:+UseTransparentHugePages where the kernel's THP mode allows it (madvise or always) and not where
     * it is off (the JVM would warn at every start), and at most two malloc arenas unless told otherwise (bench/
     * RESULTS.md, session 49). A stand-in java prints what it was given.
     */
    @Test
    void hugePagesWhereTheKernelOffersThemAndTwoMallocArenas(@TempDir Path dir) throws Exception {
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX\"\necho \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Map<String, Boolean> modes = Map.of(
                "always [madvise] never\n", true,
                "[always] madvise never\n", true,
                "always madvise [never]\n", false);
        for (Map.Entry<String, Boolean> mode : modes.entrySet()) {
            Path setting = Files.writeString(dir.resolve("enabled"), mode.getKey());
            assertThat(runWithStandInJava(dir, java, setting, null))
                    .as("THP mode %s", mode.getKey().strip())
                    .contains("MALLOC_ARENA_MAX=2")
                    .contains("-jar " + dir.resolve("tandem.jar"))
                    .matches(out -> out.contains("-XX:+UseTransparentHugePages") == mode.getValue(), "flag given");
        }
        assertThat(runWithStandInJava(dir, java, dir.resolve("no-such-file"), "4"))
                .as("a kernel without THP, and arenas set by the unit")
                .contains("MALLOC_ARENA_MAX=4")
                .doesNotContain("UseTransparentHugePages");
    }

    static String runWithStandInJava(Path dir, Path java, Path thpSetting, String arenas) throws Exception {
        return runWithStandInJava(dir, java, thpSetting, arenas, Map.of());
    }

    static String runWithStandInJava(
            Path dir, Path java, Path thpSetting, String arenas, Map<String, String> environment) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SCRIPT.toString(), "--tandem.domain=127.0.0.1")
                .directory(dir.toFile())
                .redirectErrorStream(true);
        pb.environment().put("TANDEM_JAVA", java.toString());
        pb.environment().put("TANDEM_JAR", dir.resolve("tandem.jar").toString());
        pb.environment().put("TANDEM_CDS", "off");
        pb.environment().put("TANDEM_JIT_NICE", "off");
        pb.environment().put("TANDEM_THP_SETTING", thpSetting.toString());
        pb.environment().remove("MALLOC_ARENA_MAX");
        if (arenas != null) pb.environment().put("MALLOC_ARENA_MAX", arenas);
        pb.environment().putAll(environment);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    /** Whether this kernel hands out transparent huge pages to a process that asks (madvise) or to all (always). */
    private static boolean thpOffered() throws IOException {
        Path setting = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        String mode = Files.exists(setting) ? Files.readString(setting, StandardCharsets.UTF_8) : "";
        return mode.contains("[madvise]") || mode.contains("[always]");
    }

    /** The anonymous memory of process {@code pid} on transparent huge pages, in KB (proc(5) smaps). */
    private static long anonHugePagesKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/smaps"), StandardCharsets.UTF_8).stream()
                .filter(line -> line.startsWith("AnonHugePages:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .sum();
    }

    /** How many threads of process {@code pid} have the name {@code name} (proc(5) comm, 15 characters). */
    private static long threadsNamed(long pid, String name) throws IOException {
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return tasks.filter(task -> {
                        try {
                            return Files.readString(task.resolve("comm"), StandardCharsets.UTF_8)
                                    .strip()
                                    .equals(name);
                        } catch (IOException ended) {
                            return false;
                        }
                    })
                    .count();
        }
    }

    /** sched(7) policies as proc(5) shows them (stat field 41). */
    private static final int NORMAL = 0;

    private static final int IDLE = 5;

    /**
     * Each thread name of process {@code pid} with "policy/nice" of its threads (proc(5): stat fields 41 and 19).
     */
    private static Map<String, Set<String>> schedulingByThread(long pid) throws IOException {
        Map<String, Set<String>> scheduling = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    scheduling.computeIfAbsent(name, n -> new TreeSet<>()).add(fields[41 - 3] + "/" + fields[19 - 3]);
                } catch (NoSuchFileException ended) {
                    // a thread that ended meanwhile
                }
            }
        }
        return scheduling;
    }

    private static List<String> command(Path dir, String run) throws IOException {
        return new ArrayList<>(List.of(
                SCRIPT.toString(),
                "--tandem.data-dir=" + dir.resolve("data-" + run),
                "--tandem.domain=127.0.0.1",
                "--tandem.sip.bind-address=127.0.0.1",
                "--tandem.sip.port=" + freePort(),
                "--tandem.sip.tls-port=0",
                "--tandem.https-port=0",
                "--tandem.provisioning.tftp-port=0",
                "--tandem.stun.port=0",
                "--server.address=127.0.0.1",
                "--server.port=" + freePort()));
    }

    private static String start(Path dir, Path jar, Path cds, String run) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(dir, run))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(run + ".log").toFile());
        pb.environment().put("TANDEM_JAR", jar.toString());
        pb.environment().put("TANDEM_CDS_DIR", cds.toString());
        pb.environment()
                .put(
                        "TANDEM_JAVA_OPTS",
                        "-Dspring.context.exit=onRefresh -Xmx256m -XX:TieredStopAtLevel=1"
                                + " -XX:+UseSerialGC -Djava.io.tmpdir=" + dir
                                + " -Xlog:class+load=info:file=" + dir.resolve(run + "-classes.log"));
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(run + " start still running after 5 minutes");
        }
        String out = Files.readString(dir.resolve(run + ".log"), StandardCharsets.UTF_8);
        assertThat(p.exitValue())
                .as(run + " start's exit code, output:\n" + out)
                .isZero();
        return out;
    }

    private static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20000 + (int) (Math.random() * 12000);
            try (ServerSocket tcp = new ServerSocket(port, 1, loopback);
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                return port;
            } catch (IOException inUse) {
                // another one
            }
        }
        throw new IOException("no free port in 20000-32000");
    }
}
