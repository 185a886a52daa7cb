package org.tandem.operations.upload;

import java.io.IOException;
import org.springframework.util.unit.DataSize;

/** An upload went past its limit; what was read of it has been thrown away. Answered with 413 (RFC 9110 §15.5.14). */
public class UploadTooLargeException extends IOException {

    private final DataSize limit;

    public UploadTooLargeException(String what, DataSize limit) {
        super(what + " is larger than " + UploadLimits.text(limit) + ", the most this appliance takes");
        this.limit = limit;
    }

    public DataSize limit() {
        return limit;
    }
}
