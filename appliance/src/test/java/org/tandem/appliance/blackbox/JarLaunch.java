package org.tandem.appliance.blackbox;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the black-box tests launch the built jar: most of a jar start is class loading and the C1 compiling of
 * Spring, Vaadin, jain-sip and libjitsi, the same ~25,000 classes in each of the suite's ~45 starts. So the first
 * start of a test run extracts {@code tandem.jar} with Spring Boot's own tool ({@code -Djarmode=tools extract}, the
 * layout Spring Boot documents for production and for CDS), lists the classes of one start
 * ({@code -XX:DumpLoadedClassList}) and makes a static class-data-sharing archive of them ({@code -Xshare:dump}, ~20 s);
 * every later start maps that archive ({@code -XX:SharedArchiveFile}), which halves its CPU (measured: 18.2 s → 9.3 s
 * of CPU to a refreshed context on these machines). The classes are those of the jar, byte for byte; only the
 * launcher differs. Not a dynamic archive recorded at the training start's exit ({@code -XX:ArchiveClassesAtExit}, as
 * before): JDK 17 stores the "queued for compilation" mark of the methods in the compile queue at that moment
 * (JDK-8306460), and every test JVM then ran those methods interpreted, a different set at each recording, as
 * {@code installer/src/deb/lib/start} found for the appliance (bench/RESULTS.md, session 35). Like that script, it
 * starts the context Spring generated at build time ({@code -Dspring.aot.enabled=true}). Classes that must run the
 * jar exactly as an admin does by hand ({@code java -jar tandem.jar}: no archive, the context built by reflection)
 * say so with {@link TandemExtension#asPackaged()} (WebUiIT, VoicemailIT), so both ways are tested;
 * {@code -Dtandem.blackbox.cds=false} turns the archive off for a whole run.
 *
 * <p>The extracted jar and its archive live in {@code target/tandem-cds/<jar size>-<jar mtime>/}; the two failsafe
 * JVMs of a run share them through a file lock, and a rebuilt jar gets a fresh directory. Anything that fails here
 * falls back to the packaged jar with the reason on stderr: a faster start is never a reason for a red test.
 */
final class JarLaunch {

    private static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("tandem.blackbox.cds", "true"));
    /** The context generated at build time, as the packaged start script runs it (installer/src/deb/lib/start). */
    static final String AOT = "-Dspring.aot.enabled=true";

    private static List<String> prepared;

    private JarLaunch() {}

    /** The JVM options and {@code -jar} argument that start the appliance, e.g. {@code [-XX:SharedArchiveFile=…, -jar, …]}. */
    static synchronized List<String> args(String java, List<String> jvmOptions, boolean packaged) {
        Path jar = TandemProcess.jar();
        if (packaged) {
            return List.of("-jar", jar.toString());
        }
        List<String> withoutArchive = List.of(AOT, "-jar", jar.toString());
        if (!ENABLED) {
            return withoutArchive;
        }
        if (prepared == null) {
            try {
                prepared = prepare(java, jvmOptions, jar);
            } catch (IOException | RuntimeException e) {
                System.err.println("JarLaunch: no class-data archive (" + e + "); starting the packaged jar");
                prepared = withoutArchive;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return withoutArchive;
            }
        }
        return prepared;
    }

    private static List<String> prepare(String java, List<String> jvmOptions, Path jar)
            throws IOException, InterruptedException {
        Path base = jar.getParent().resolve("tandem-cds");
        Files.createDirectories(base);
        Path dir = base.resolve(
                Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis());
        Path extracted = dir.resolve("tandem.jar");
        Path archive = dir.resolve("tandem.jsa");
        try (RandomAccessFile lockFile =
                        new RandomAccessFile(base.resolve(".lock").toFile(), "rw");
                FileChannel channel = lockFile.getChannel();
                FileLock lock = channel.lock()) { // the other failsafe JVM waits here while this one prepares
            if (!Files.isRegularFile(archive)) {
                // earlier builds' jars and archives (~180 MB each) go; this run's are made afresh
                try (var old = Files.list(base)) {
                    for (Path p : old.filter(Files::isDirectory).toList()) TandemExtension.deleteTree(p);
                }
                // Spring Boot's extract wants a directory that does not exist yet
                run(
                        base,
                        List.of(
                                java,
                                "-Djarmode=tools",
                                "-jar",
                                jar.toString(),
                                "extract",
                                "--destination",
                                dir.toString()));
                Path classList = dir.resolve("classes.lst");
                Path part = dir.resolve("tandem.jsa.part");
                train(java, jvmOptions, extracted, classList, dir);
                List<String> dump = new ArrayList<>(List.of(java));
                dump.addAll(jvmOptions);
                dump.addAll(List.of(
                        "-Xshare:dump",
                        "-XX:SharedClassListFile=" + classList,
                        "-XX:SharedArchiveFile=" + part,
                        "-cp",
                        extracted.toString()));
                run(dir, dump);
                // complete or not there: a run stopped during the dump leaves no archive that looks usable
                Files.move(part, archive, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (!Files.isRegularFile(extracted) || !Files.isRegularFile(archive)) {
            throw new IllegalStateException("extract or training left no " + extracted + " / " + archive);
        }
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", AOT, "-jar", extracted.toString());
    }

    /**
     * One start of the extracted jar up to a refreshed context (Spring Boot's {@code spring.context.exit=onRefresh},
     * made for CDS training), on its own data dir and free ports; the JVM lists the classes it loads. The JVM options
     * are the tests' own, for the archive too: it is made for the GC and heap the tests start with.
     */
    private static void train(String java, List<String> jvmOptions, Path extracted, Path classList, Path dir)
            throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.getParent().resolve("training-" + dir.getFileName()));
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmOptions);
        cmd.add("-XX:DumpLoadedClassList=" + classList);
        cmd.add("-Dspring.context.exit=onRefresh");
        cmd.add(AOT);
        cmd.add("-Djava.io.tmpdir=" + work);
        cmd.addAll(List.of("-jar", extracted.toString()));
        cmd.add("--tandem.data-dir=" + work.resolve("data"));
        cmd.add("--tandem.domain=" + TandemProcess.HOST);
        cmd.add("--tandem.sip.bind-address=" + TandemProcess.HOST);
        cmd.add("--tandem.sip.port=" + FreePorts.udpAndTcp());
        cmd.add("--tandem.sip.tls-port=0");
        cmd.add("--tandem.https-port=0");
        cmd.add("--tandem.provisioning.tftp-port=0");
        cmd.add("--tandem.stun.port=0");
        cmd.add("--server.address=" + TandemProcess.HOST);
        cmd.add("--server.port=" + FreePorts.udpAndTcp());
        cmd.add("--tandem.admin.initial-password=training-" + Long.toHexString(System.nanoTime()));
        run(work, cmd);
        TandemExtension.deleteTree(work);
    }

    private static void run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Path out = dir.resolve("launch-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("still running after 5 min: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(
                    "exit " + p.exitValue() + " from " + String.join(" ", cmd) + ": " + tail(out));
        }
        Files.deleteIfExists(out);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
