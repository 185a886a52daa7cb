package org.tandem.pbx.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the SIP parsing path ({@link SipMessageEntry}) with Jazzer.
 * <ul>
 *   <li>In the normal suite (regression mode) it replays the seed corpus — every RFC 4475 torture
 *       message — plus any crash reproducers checked in under
 *       {@code src/test/resources/org/tandem/pbx/fuzz/SipParserFuzzTestInputs/parse/}: no exception but
 *       ParseException, and each input done within 10 s (no hang; instrumented first runs are slow).</li>
 *   <li>{@code JAZZER_FUZZ=1 ./mvnw -pl pbx-core test -Dtest=SipParserFuzzTest} fuzzes for
 *       {@code maxDuration}, starting from the same seeds.</li>
 * </ul>
 */
class SipParserFuzzTest {

    static {
        // coverage feedback from jain-sip's parser, not only from our classes (Jazzer's default is the
        // test's own packages); an explicit -Djazzer.instrumentation_includes still wins
        if (System.getProperty("jazzer.instrumentation_includes") == null) {
            System.setProperty("jazzer.instrumentation_includes", "gov.nist.**:org.tandem.**");
        }
    }

    private static final ExecutorService WATCHDOG = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "fuzz-watchdog");
        t.setDaemon(true);
        return t;
    });

    /**
     * Jazzer takes regression inputs from the classpath directory {@code <Class>Inputs/<method>/}; the
     * seeds live in the shared test data, so they are copied there (target/test-classes) before the
     * fuzz test asks for its inputs.
     */
    @BeforeAll
    static void seedCorpusFromRfc4475() throws Exception {
        Path classes = Path.of(SipParserFuzzTest.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        Path inputs = classes.resolve("org/tandem/pbx/fuzz/SipParserFuzzTestInputs/parse");
        Files.createDirectories(inputs);
        for (Map.Entry<String, byte[]> e : Rfc4475Corpus.messages().entrySet()) {
            Path seed = inputs.resolve("rfc4475-" + e.getKey());
            try {
                Files.write(seed, e.getValue());
            } catch (IOException io) {
                throw new IllegalStateException("Cannot write the seed " + seed, io);
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) throws Exception {
        Future<?> run = WATCHDOG.submit(() -> SipMessageEntry.exercise(data));
        try {
            run.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException hang) {
            run.cancel(true);
            throw new AssertionError("parsing " + data.length + " bytes took more than 10 s (hang?)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception ex) throw ex;
            throw e;
        }
    }
}
