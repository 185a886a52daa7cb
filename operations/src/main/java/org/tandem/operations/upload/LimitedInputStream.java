package org.tandem.operations.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.util.unit.DataSize;

/**
 * Passes an upload through and fails with {@link UploadTooLargeException} as soon as it goes past its limit, so
 * an endless or chunked body (no Content-Length to check first) costs at most the limit to read.
 */
public final class LimitedInputStream extends FilterInputStream {

    private final String what;
    private final DataSize limit;
    private long count;

    public LimitedInputStream(InputStream in, String what, DataSize limit) {
        super(in);
        this.what = what;
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) counted(1);
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) counted(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        counted(skipped);
        return skipped;
    }

    private void counted(long n) throws UploadTooLargeException {
        count += n;
        if (count > limit.toBytes()) throw new UploadTooLargeException(what, limit);
    }
}
