package org.tandem.operations.backup.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Passphrase encryption of backup archives (issue 22, Low: backups hold every secret). The archive is cut into
 * 64 KiB segments, each sealed with AES-256-GCM (so a 2 GB backup never has to fit in memory), the key derived from
 * the passphrase with PBKDF2-HMAC-SHA256 (600,000 iterations, OWASP's 2023 figure) and a random salt. Each segment's
 * nonce is a random prefix, its index and a last-segment flag, and the header is authenticated with every segment:
 * segments cannot be reordered, dropped or cut off at the end without the decryption failing (the "STREAM"
 * construction of Hoang, Reyhanitabar, Rogaway and Vizár, as in Tink's streaming AEAD).
 *
 * <pre>
 * header:  "TDMBKENC" | version 1 (1 byte) | iterations (4) | salt (16) | nonce prefix (7)
 * segment: AES-GCM(key, prefix | index (4) | last (1), aad = header, up to 65536 bytes) with its 16-byte tag
 * </pre>
 */
public final class ArchiveCipher {

    private static final byte[] MAGIC = "TDMBKENC".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int ITERATIONS = 600_000;
    private static final int SEGMENT = 64 * 1024;
    private static final int TAG = 16;
    private static final int HEADER = MAGIC.length + 1 + 4 + 16 + 7;
    /** Shorter passphrases are refused when encrypting. */
    public static final int MIN_PASSPHRASE = 8;

    /** The passphrase does not open the archive, or the archive was changed or cut. Nothing was decrypted. */
    public static final class WrongPassphraseException extends IOException {
        WrongPassphraseException(String message) {
            super(message);
        }
    }

    private ArchiveCipher() {}

    /** Whether {@code file} starts like an encrypted archive. */
    public static boolean isEncrypted(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        }
    }

    /**
     * A stream that encrypts what is written to it onto {@code out}; {@link OutputStream#close()} writes the last
     * segment and closes {@code out}.
     */
    public static OutputStream encrypting(OutputStream out, char[] passphrase) throws IOException {
        if (passphrase == null || passphrase.length < MIN_PASSPHRASE) {
            throw new IllegalArgumentException(
                    "The backup passphrase needs at least " + MIN_PASSPHRASE + " characters");
        }
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[16];
        byte[] prefix = new byte[7];
        random.nextBytes(salt);
        random.nextBytes(prefix);
        byte[] header = ByteBuffer.allocate(HEADER)
                .put(MAGIC)
                .put((byte) VERSION)
                .putInt(ITERATIONS)
                .put(salt)
                .put(prefix)
                .array();
        out.write(header);
        return new Sealing(out, key(passphrase, salt, ITERATIONS), header, prefix);
    }

    /**
     * Decrypts {@code in} into {@code out} (created anew). Every segment is authenticated before the next is read;
     * on any failure {@code out} is deleted.
     */
    public static void decrypt(Path in, Path out, char[] passphrase) throws IOException {
        try (InputStream src = Files.newInputStream(in);
                OutputStream dst = Files.newOutputStream(out)) {
            byte[] header = src.readNBytes(HEADER);
            if (header.length < HEADER || !Arrays.equals(Arrays.copyOf(header, MAGIC.length), MAGIC)) {
                throw new WrongPassphraseException("it is not an encrypted Tandem backup");
            }
            ByteBuffer h = ByteBuffer.wrap(header, MAGIC.length, HEADER - MAGIC.length);
            int version = h.get();
            int iterations = h.getInt();
            if (version != VERSION || iterations < 10_000 || iterations > 10_000_000) {
                throw new WrongPassphraseException("it is encrypted in a format this version does not know");
            }
            byte[] salt = new byte[16];
            byte[] prefix = new byte[7];
            h.get(salt).get(prefix);
            SecretKeySpec key = key(passphrase, salt, iterations);
            byte[] current = src.readNBytes(SEGMENT + TAG);
            for (int index = 0; ; index++) {
                byte[] next = current.length == SEGMENT + TAG ? src.readNBytes(SEGMENT + TAG) : new byte[0];
                boolean last = next.length == 0;
                try {
                    dst.write(cipher(Cipher.DECRYPT_MODE, key, prefix, index, last, header)
                            .doFinal(current));
                } catch (AEADBadTagException e) {
                    throw new WrongPassphraseException(
                            index == 0
                                    ? "the passphrase is wrong (or the archive was changed)"
                                    : "the archive was changed or cut short after " + index + " segments");
                }
                if (last) return;
                current = next;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(out);
            throw e;
        } catch (GeneralSecurityException e) {
            Files.deleteIfExists(out);
            throw new IOException("Cannot decrypt the archive: " + e.getMessage(), e);
        }
    }

    private static SecretKeySpec key(char[] passphrase, byte[] salt, int iterations) throws IOException {
        if (passphrase == null) passphrase = new char[0];
        PBEKeySpec spec = new PBEKeySpec(passphrase, salt, iterations, 256);
        try {
            byte[] raw = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
            return new SecretKeySpec(raw, "AES");
        } catch (GeneralSecurityException e) {
            throw new IOException("PBKDF2-HMAC-SHA256 is not available: " + e.getMessage(), e);
        } finally {
            spec.clearPassword();
        }
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] prefix, int index, boolean last, byte[] aad)
            throws GeneralSecurityException {
        byte[] nonce = ByteBuffer.allocate(12)
                .put(prefix)
                .putInt(index)
                .put((byte) (last ? 1 : 0))
                .array();
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
        c.updateAAD(aad);
        return c;
    }

    /** Buffers a segment, seals it when full; the last (possibly empty) one on close. */
    private static final class Sealing extends OutputStream {
        private final OutputStream out;
        private final SecretKeySpec key;
        private final byte[] header;
        private final byte[] prefix;
        private final ByteArrayOutputStream segment = new ByteArrayOutputStream(SEGMENT);
        private int index;
        private boolean closed;

        Sealing(OutputStream out, SecretKeySpec key, byte[] header, byte[] prefix) {
            this.out = out;
            this.key = key;
            this.header = header;
            this.prefix = prefix;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                // a full segment is sealed only once more data follows: the last one must carry the flag
                if (segment.size() == SEGMENT) seal(false);
                int n = Math.min(len, SEGMENT - segment.size());
                segment.write(b, off, n);
                off += n;
                len -= n;
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) return;
            closed = true;
            seal(true);
            out.close();
        }

        private void seal(boolean last) throws IOException {
            try {
                out.write(cipher(Cipher.ENCRYPT_MODE, key, prefix, index++, last, header)
                        .doFinal(segment.toByteArray()));
            } catch (GeneralSecurityException e) {
                throw new IOException("Cannot encrypt the backup: " + e.getMessage(), e);
            }
            segment.reset();
        }
    }
}
