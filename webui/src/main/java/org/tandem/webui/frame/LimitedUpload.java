package org.tandem.webui.frame;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.function.SerializableConsumer;
import com.vaadin.flow.server.VaadinResponse;
import com.vaadin.flow.server.streams.UploadEvent;
import com.vaadin.flow.server.streams.UploadHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.util.unit.DataSize;
import org.tandem.operations.upload.LimitedInputStream;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.operations.upload.UploadTooLargeException;

/**
 * An upload with its size limit enforced on the server (issue 22, finding 8; OWASP ASVS 4.0.3 V12.1.1), not
 * only told to the browser: the file is streamed to a temporary file and counted, a declared size above the
 * limit is refused before anything is read, and a larger one is cut off at the limit, deleted and answered 413
 * (RFC 9110 §15.5.14), with the reason shown next to the upload. The temporary file is deleted after the
 * receiver ran. The multipart parser's own limits stay off (it would answer 500): the counting here is the limit.
 * Vaadin streams the multipart body only because {@code spring.servlet.multipart.enabled=false}; with a
 * servlet multipart config Tomcat would parse (and size-check) it first.
 */
public final class LimitedUpload implements UploadHandler {

    /** Takes the finished upload; runs in the UI's session lock. */
    @FunctionalInterface
    public interface Receiver extends Serializable {
        void accept(Path file) throws IOException;
    }

    /** Room for the multipart headers around the file. */
    private static final long ENVELOPE = 64 * 1024;

    private static final ThreadLocal<Boolean> REFUSED = new ThreadLocal<>();

    private final String what;
    private final DataSize limit;
    private final Receiver receiver;
    private final SerializableConsumer<String> refused;

    private LimitedUpload(String what, DataSize limit, Receiver receiver, SerializableConsumer<String> refused) {
        this.what = what;
        this.limit = limit;
        this.receiver = receiver;
        this.refused = refused;
    }

    /**
     * Sets a limited handler on {@code upload} and tells the browser the same limit.
     *
     * @param what    "The recording", for the message, in the page's language
     * @param refused shows the message of a refused (too large) file
     */
    public static void on(
            Upload upload, String what, DataSize limit, Receiver receiver, SerializableConsumer<String> refused) {
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, limit.toBytes()));
        upload.setUploadHandler(new LimitedUpload(what, limit, receiver, refused));
    }

    @Override
    public void handleUploadRequest(UploadEvent event) throws IOException {
        long declared = event.getRequest().getContentLengthLong();
        if (declared > limit.toBytes() + ENVELOPE || event.getFileSize() > limit.toBytes()) {
            throw refuse(event.getUI());
        }
        Path tmp = Files.createTempFile("tandem-upload-", ".part");
        try (InputStream in = new LimitedInputStream(event.getInputStream(), what, limit)) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        } catch (UploadTooLargeException e) {
            Files.deleteIfExists(tmp);
            throw refuse(event.getUI());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        event.getUI().access(() -> {
            try {
                receiver.accept(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left behind is removed with the JVM's temp dir; nothing more to do
                }
            }
        });
    }

    private UploadTooLargeException refuse(UI ui) {
        REFUSED.set(Boolean.TRUE);
        UploadTooLargeException e = new UploadTooLargeException(what, limit);
        ui.access(() -> refused.accept(ui.getTranslation("frame.upload.too-large", what, text(limit))));
        return e;
    }

    @Override
    public void responseHandled(boolean success, VaadinResponse response) {
        boolean tooLarge = Boolean.TRUE.equals(REFUSED.get());
        REFUSED.remove();
        if (tooLarge) {
            response.setStatus(413);
        } else {
            UploadHandler.super.responseHandled(success, response);
        }
    }

    /** "20 MB", as in the pages' help. */
    public static String text(DataSize limit) {
        return UploadLimits.text(limit);
    }
}
