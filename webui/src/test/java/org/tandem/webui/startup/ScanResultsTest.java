package org.tandem.webui.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scan results are kept for the next start on the same jars, and for no other. */
class ScanResultsTest {

    @TempDir
    Path dir;

    @Test
    void theNextStartOnTheSameJarsFindsWhatThisOneFound() throws IOException {
        String classPath = jars("app.jar");
        ScanResults first = ScanResults.in(dir, classPath);
        assertThat(first.find("routes")).isNull();
        first.put("routes", List.of("org.tandem.webui.A", "org.tandem.webui.B"));
        first.put("none", List.of());
        first.save();

        ScanResults next = ScanResults.in(dir, classPath);

        assertThat(next.find("routes")).containsExactly("org.tandem.webui.A", "org.tandem.webui.B");
        assertThat(next.find("none")).isEmpty();
        assertThat(next.find("other")).isNull();
        assertThat(dir.resolve("cache/vaadin-scans.txt")).exists();
        assertThat(dir.resolve("cache")).isDirectoryNotContaining("glob:**.tmp");
    }

    @Test
    void aChangedJarOrAnotherClassPathFindsNothing() throws IOException {
        String classPath = jars("app.jar", "lib.jar");
        ScanResults first = ScanResults.in(dir, classPath);
        first.put("routes", List.of("org.tandem.webui.A"));
        first.save();

        assertThat(ScanResults.in(dir, jars("app.jar")).find("routes"))
                .as("a jar fewer")
                .isNull();
        Files.setLastModifiedTime(
                dir.resolve("lib.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(ScanResults.in(dir, classPath).find("routes"))
                .as("an upgraded jar")
                .isNull();
    }

    @Test
    void aJarNamedInAManifestsClassPathIsPartOfTheIdentity() throws IOException {
        Path lib = Files.createDirectories(dir.resolve("lib"));
        Files.write(lib.resolve("vaadin.jar"), new byte[] {1});
        emptyJar(dir.resolve("thin.jar"), "lib/vaadin.jar");
        String classPath = dir.resolve("thin.jar").toString();
        ScanResults first = ScanResults.in(dir, classPath);
        first.put("routes", List.of("org.tandem.webui.A"));
        first.save();
        assertThat(ScanResults.in(dir, classPath).find("routes")).isNotNull();

        Files.write(lib.resolve("vaadin.jar"), new byte[] {1, 2}); // the start script extracted a new version

        assertThat(ScanResults.in(dir, classPath).find("routes")).isNull();
    }

    @Test
    void aClassPathWithADirectoryKeepsNothing() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes"));
        ScanResults results = ScanResults.in(dir, jars("app.jar") + File.pathSeparator + classes);
        results.put("routes", List.of("org.tandem.webui.A"));
        results.save();

        assertThat(dir.resolve("cache")).doesNotExist();
        assertThat(ScanResults.in(dir, jars("app.jar")).find("routes")).isNull();
    }

    @Test
    void aDamagedFileIsIgnoredAndWrittenAgain() throws IOException {
        String classPath = jars("app.jar");
        Path file = Files.createDirectories(dir.resolve("cache")).resolve("vaadin-scans.txt");
        Files.writeString(file, "garbage\u0000\nmore");

        ScanResults results = ScanResults.in(dir, classPath);
        assertThat(results.find("garbage")).isNull();
        results.put("routes", List.of("org.tandem.webui.A"));
        results.save();

        assertThat(ScanResults.in(dir, classPath).find("routes")).containsExactly("org.tandem.webui.A");
    }

    private static void emptyJar(Path jar, String classPath) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (classPath != null) manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
    }

    private String jars(String... names) throws IOException {
        StringBuilder classPath = new StringBuilder();
        for (String name : names) {
            Path jar = dir.resolve(name);
            if (!Files.exists(jar)) emptyJar(jar, null);
            if (classPath.length() > 0) classPath.append(File.pathSeparator);
            classPath.append(jar);
        }
        return classPath.toString();
    }
}
