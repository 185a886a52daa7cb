package org.tandem.installer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a program to completion (bounded) and keeps its exit code and its merged output. */
record Command(int exitCode, String output) {

    static Command run(List<String> command) {
        return run(command, Map.of(), null);
    }

    static Command run(List<String> command, Map<String, String> env, Path workDir) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (workDir != null) pb.directory(workDir.toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 120 s");
            }
            return new Command(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Cannot run " + command + ": " + e.getMessage()
                            + " (scripts/test.sh installs the Debian packages the tests need)",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Command assertOk() {
        if (exitCode != 0) throw new AssertionError("exit code " + exitCode + ", output:\n" + output);
        return this;
    }
}
