package org.tandem.pbx.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {

    @TempDir
    Path dir;

    private Stream<String> names() throws IOException {
        return Files.list(dir).map(p -> p.getFileName().toString());
    }

    @Test
    void theTargetHoldsTheBytesAndNoTempFileIsLeft() throws IOException {
        Path target = dir.resolve("sub").resolve("a.wav");
        DurableFiles.write(target, "RIFF-audio".getBytes(StandardCharsets.US_ASCII));
        assertThat(Files.readString(target)).isEqualTo("RIFF-audio");
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("a.wav");
        }
    }

    @Test
    void aNewVersionReplacesTheOldOneWhole() throws IOException {
        Path target = dir.resolve("greeting.wav");
        DurableFiles.write(target, "old".getBytes(StandardCharsets.US_ASCII));
        DurableFiles.write(target, "new version".getBytes(StandardCharsets.US_ASCII));
        assertThat(Files.readString(target)).isEqualTo("new version");
        assertThat(names()).containsExactly("greeting.wav");
    }

    @Test
    void aWriteThatFailsHalfWayLeavesTheOldFileAndNoTempFile() throws IOException {
        Path target = dir.resolve("greeting.wav");
        DurableFiles.write(target, "old".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> DurableFiles.write(
                        target,
                        out -> {
                            out.write(ByteBuffer.wrap("half of the n".getBytes(StandardCharsets.US_ASCII)));
                            throw new IOException("disk full");
                        },
                        () -> {}))
                .hasMessage("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(names()).containsExactly("greeting.wav");
    }

    @Test
    void aFailureJustBeforeTheRenameLeavesNoTarget() {
        Path target = dir.resolve("m1.wav");
        assertThatThrownBy(() ->
                        DurableFiles.write(target, out -> out.write(ByteBuffer.wrap(new byte[] {1, 2, 3})), () -> {
                            throw new IOException("stopped");
                        }))
                .hasMessage("stopped");
        assertThat(target).doesNotExist();
    }

    @Test
    void aPrivateFileIsTheOwnersOnly() throws IOException {
        Path target = dir.resolve("secret.key");
        DurableFiles.writePrivate(target, new byte[32]);
        assertThat(Files.size(target)).isEqualTo(32);
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
                    .isEqualTo("rw-------");
        }
    }
}
