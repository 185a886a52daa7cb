package org.tandem.operations.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tandem.operations.backup.internal.ArchiveCipher;

/** Backup encryption (issue 22, Low): a round trip, a wrong passphrase, and tampering are told apart. */
class ArchiveCipherTest {

    @TempDir
    Path dir;

    Path encrypt(byte[] plain, String passphrase) throws Exception {
        Path enc = dir.resolve("backup.zip.enc");
        try (OutputStream out = ArchiveCipher.encrypting(Files.newOutputStream(enc), passphrase.toCharArray())) {
            out.write(plain);
        }
        return enc;
    }

    @Test
    void roundTripsAnySizeIncludingWholeSegments() throws Exception {
        for (int size : new int[] {0, 1, 65_536, 65_537, 300_000}) {
            byte[] plain = new byte[size];
            new Random(size).nextBytes(plain);
            Path enc = encrypt(plain, "correct horse battery");
            assertThat(ArchiveCipher.isEncrypted(enc)).isTrue();
            if (size >= 64) {
                String cipherText = new String(Files.readAllBytes(enc), java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(cipherText)
                        .as("no plaintext")
                        .doesNotContain(new String(plain, 0, 64, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            Path out = dir.resolve("plain-" + size);
            ArchiveCipher.decrypt(enc, out, "correct horse battery".toCharArray());
            assertThat(out).hasBinaryContent(plain);
        }
    }

    @Test
    void aWrongPassphraseIsSaidSoAndLeavesNoFile() throws Exception {
        Path enc = encrypt(new byte[100_000], "correct horse battery");
        Path out = dir.resolve("out.zip");
        assertThatThrownBy(() -> ArchiveCipher.decrypt(enc, out, "wrong passphrase".toCharArray()))
                .isInstanceOf(ArchiveCipher.WrongPassphraseException.class)
                .hasMessageContaining("passphrase is wrong");
        assertThat(out).doesNotExist();
    }

    @Test
    void aTruncatedOrAlteredArchiveIsRefused() throws Exception {
        byte[] enc = Files.readAllBytes(encrypt(new byte[200_000], "correct horse battery"));
        Path cut = Files.write(dir.resolve("cut"), java.util.Arrays.copyOf(enc, 36 + 2 * (65_536 + 16)));
        assertThatThrownBy(() -> ArchiveCipher.decrypt(cut, dir.resolve("o1"), "correct horse battery".toCharArray()))
                .isInstanceOf(ArchiveCipher.WrongPassphraseException.class)
                .hasMessageContaining("changed or cut");
        enc[enc.length - 100] ^= 1;
        Path altered = Files.write(dir.resolve("altered"), enc);
        assertThatThrownBy(
                        () -> ArchiveCipher.decrypt(altered, dir.resolve("o2"), "correct horse battery".toCharArray()))
                .isInstanceOf(ArchiveCipher.WrongPassphraseException.class);
        assertThat(dir.resolve("o1")).doesNotExist();
        assertThat(dir.resolve("o2")).doesNotExist();
    }

    @Test
    void shortPassphrasesAreRefused() {
        assertThatThrownBy(() -> encrypt(new byte[1], "short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 8");
    }
}
