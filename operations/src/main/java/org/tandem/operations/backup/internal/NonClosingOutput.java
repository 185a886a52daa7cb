package org.tandem.operations.backup.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An output stream whose close() only flushes, the stream beneath staying open for what follows: the caller's
 * stream after the archive cipher finished its own, the zip after the manifest entry (which Jackson closes).
 */
public final class NonClosingOutput extends FilterOutputStream {

    public NonClosingOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        flush();
    }
}
