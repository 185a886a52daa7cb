package org.tandem.appliance.blackbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One running {@code tandem.jar} per test class (startup takes seconds). Register it as a static
 * field: {@code @RegisterExtension static TandemExtension tandem = new TandemExtension();}.
 * Everything the run produced (the appliance's log, data dir, SIPp traces) lives under
 * {@code target/blackbox/<TestClass>/}; the logs are kept, the data dir is deleted after the class.
 * <p>
 * {@link #shared()} instead gives the class the one shared appliance of this test JVM (default flags but its media
 * on loopback, SIP TLS on, {@link #sharedFlags()}; a failsafe fork runs many classes one after another),
 * started by the first such class and stopped when the JVM exits: a jar start is seconds of CPU, and a browser
 * meets the same origin again (its cache warm). Only for classes that add what they use under numbers and names of
 * their own, change nothing global (admin accounts, settings, bans) or put it back before they end, and assume no
 * empty list. A class with its own appliance says why in a comment at its field ("own appliance:"). The shared
 * classes together create fewer than 50 users: above Vaadin's page size of 50 a user picker filters on the server,
 * and a page test typing into one then raced the list (QueuePagesIT's typed agents were lost at ~54 users), so a
 * class's order in its test JVM would decide its outcome.
 */
public final class TandemExtension implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    /** The SIP domain of the test appliance: its loopback address, as a phone would be configured. */
    public static final String DOMAIN = TandemProcess.HOST;

    /**
     * The shared appliance's flags: its media (relay, voicemail, queues, paging) on the loopback where every test peer
     * is, as on a phone's LAN (by default it would be the host's first IPv4 address, and a baresip bound to 127.0.0.1
     * would send from an address the relay takes for a stranger's); SIP over TLS on a free port, as an installed
     * appliance serves it ({@link TandemProcess#sipTlsPort()}).
     */
    private static List<String> sharedFlags() {
        return List.of(
                "--tandem.media.advertised-address=127.0.0.1",
                "--tandem.media.bind-address=127.0.0.1",
                "--tandem.sip.tls-port=" + FreePorts.udpAndTcp());
    }

    private static TandemProcess sharedProcess;

    private final List<String> extraArgs;
    private final boolean shared;
    private TandemProcess tandem;
    private TandemApi api;
    private volatile boolean failed;
    private boolean packaged;

    public TandemExtension(String... extraArgs) {
        this(false, extraArgs);
    }

    private TandemExtension(boolean shared, String... extraArgs) {
        this.shared = shared;
        this.extraArgs = List.of(extraArgs);
    }

    /** The appliance that the classes of this test JVM share (see the class comment). */
    public static TandemExtension shared() {
        return new TandemExtension(true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        if (shared) {
            tandem = sharedProcess();
            api = new TandemApi(tandem);
            return;
        }
        Path work = Path.of("target", "blackbox", context.getRequiredTestClass().getSimpleName())
                .toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        tandem = new TandemProcess(work, DOMAIN, extraArgs);
        if (packaged) tandem.packaged();
        try {
            tandem.start();
        } catch (RuntimeException e) {
            failed = true;
            tandem.close();
            throw e;
        }
        api = new TandemApi(tandem);
    }

    /**
     * This class's appliance runs as {@code java -jar tandem.jar}, the way the README and the systemd unit start it,
     * instead of from the extracted jar with the run's class-data archive (see JarLaunch): a few classes keep the
     * packaged launcher (nested jars, resources read from inside the jar) under test.
     */
    public TandemExtension asPackaged() {
        this.packaged = true;
        return this;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        failed = true;
    }

    private static synchronized TandemProcess sharedProcess() throws IOException {
        if (sharedProcess != null && sharedProcess.isAlive()) return sharedProcess;
        if (sharedProcess != null) sharedProcess.close(); // died under an earlier class: a new one
        Path work = Path.of(
                        "target",
                        "blackbox",
                        "shared-" + ProcessHandle.current().pid())
                .toAbsolutePath();
        deleteTree(work);
        Files.createDirectories(work);
        TandemProcess started = new TandemProcess(work, DOMAIN, sharedFlags());
        try {
            started.start();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        if (sharedProcess == null) {
            Runtime.getRuntime().addShutdownHook(new Thread(TandemExtension::stopShared, "shared-tandem-stop"));
        }
        sharedProcess = started;
        return started;
    }

    private static synchronized void stopShared() {
        try {
            if (sharedProcess.isAlive()) sharedProcess.stop();
            sharedProcess.close();
            deleteTree(sharedProcess.workDir().resolve("data"));
        } catch (IOException | RuntimeException e) {
            System.err.println("The shared appliance did not stop cleanly: " + e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (tandem == null) return;
        if (shared) { // stays up for the next class; its log holds every sharing class's run
            if (failed || context.getExecutionException().isPresent()) {
                System.err.println(context.getRequiredTestClass().getSimpleName() + " ran on the shared appliance "
                        + tandem.workDir() + " (appliance log: " + tandem.log() + ")");
            }
            return;
        }
        try {
            if (tandem.isAlive()) tandem.stop();
        } finally {
            tandem.close();
            // logs stay (small, under target/, and what one wants after a red run; dynamic tests do not
            // reach a TestWatcher, so "failed" is not always known here); the database goes
            deleteTree(tandem.workDir().resolve("data"));
            if (failed || context.getExecutionException().isPresent()) {
                System.err.println("Black-box run kept for inspection: " + tandem.workDir() + " (appliance log: "
                        + tandem.log() + ")");
            }
        }
    }

    public TandemProcess process() {
        return tandem;
    }

    public TandemApi api() {
        return api;
    }

    /** A SIPp run of {@code sipp/<scenario>/<file>} against this appliance. */
    public Sipp sipp(String scenario, String file) {
        return Sipp.scenario(scenario, file).against(tandem);
    }

    /**
     * Registers {@code extension} (digest) with the Contact {@code 127.0.0.1:<localPort>}, where a SIPp UAS
     * started later with the same port receives its calls; fails the test unless registered.
     */
    public Sipp.Result register(String extension, String password, int localPort, Sipp.Transport transport) {
        return register(extension, password, localPort, transport, "SIPp register");
    }

    /** {@link #register(String, String, int, Sipp.Transport)} saying {@code userAgent} (a desk phone's, with its MAC). */
    public Sipp.Result register(
            String extension, String password, int localPort, Sipp.Transport transport, String userAgent) {
        return sipp("register", "uac.xml")
                .transport(transport)
                .localPort(localPort)
                .service(extension)
                .credentials(extension, password)
                .key("expires", "600")
                .key("user_agent", userAgent)
                .runAndAssertSuccess();
    }

    /** Deletes {@code dir} and everything below it, if it exists. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
