package org.tandem.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JIT's compiler directives the start script passes ({@code installer/src/deb/lib/jit-directives.json}). */
class JitDirectivesIT {

    /**
     * The compiler directives beside the script (jit-directives.json: H2's once-per-commit code and Spring's
     * start-up code left to C1, bench/RESULTS.md, sessions 57 and 61) reach the JVM unless TANDEM_JIT_DIRECTIVES says
     * otherwise; this JDK accepts the file (one it cannot parse would stop the appliance from starting); and every
     * class it names is in the jar's libraries, so that an upgrade renaming them is noticed here rather than in the
     * benchmark.
     */
    @Test
    void compilerDirectivesTheJdkAcceptsForClassesOfTheBundledLibraries(@TempDir Path dir) throws Exception {
        Path directives = StartScriptIT.SCRIPT.resolveSibling("jit-directives.json");
        Path java = dir.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"$@\"\n");
        assertThat(java.toFile().setExecutable(true)).isTrue();
        Path thp = dir.resolve("no-such-file");
        assertThat(StartScriptIT.runWithStandInJava(dir, java, thp, null))
                .contains("-XX:+UnlockDiagnosticVMOptions -XX:CompilerDirectivesFile=" + directives
                        + " -XX:CompileCommand=quiet");
        assertThat(StartScriptIT.runWithStandInJava(dir, java, thp, null, Map.of("TANDEM_JIT_DIRECTIVES", "")))
                .as("none when the unit says so")
                .doesNotContain("CompilerDirectivesFile")
                .doesNotContain("UnlockDiagnosticVMOptions");

        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-XX:+UnlockDiagnosticVMOptions",
                        "-XX:CompilerDirectivesFile=" + directives,
                        "-XX:CompileCommand=quiet",
                        "-version")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("1 compiler directives added");

        Set<String> bundled =
                bundledClasses(Path.of(System.getProperty("tandem.jar", "../appliance/target/tandem.jar")));
        Matcher named = Pattern.compile("\"((?:org|com|java)/[^\"]+)\"").matcher(Files.readString(directives));
        List<String> patterns = new ArrayList<>();
        while (named.find()) patterns.add(named.group(1));
        assertThat(patterns).as("the methods the file names").hasSizeGreaterThan(3);
        assertThat(patterns)
                .as("H2's and Spring's")
                .anyMatch(n -> n.startsWith("org/h2/"))
                .anyMatch(n -> n.startsWith("org/springframework/"));
        for (String pattern : patterns) {
            String classPrefix = pattern.substring(0, pattern.lastIndexOf('.')).replace("*", "");
            assertThat(bundled).as(pattern).anyMatch(c -> c.startsWith(classPrefix) && c.endsWith(".class"));
        }
    }

    /** The class files of the libraries in the appliance's jar (BOOT-INF/lib/*.jar). */
    private static Set<String> bundledClasses(Path tandemJar) throws Exception {
        Set<String> classes = new TreeSet<>();
        try (ZipFile jar = new ZipFile(tandemJar.toFile())) {
            for (ZipEntry lib : jar.stream()
                    .filter(e -> e.getName().startsWith("BOOT-INF/lib/")
                            && e.getName().endsWith(".jar"))
                    .toList()) {
                try (ZipInputStream in = new ZipInputStream(jar.getInputStream(lib))) {
                    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) classes.add(e.getName());
                }
            }
        }
        return classes;
    }
}
