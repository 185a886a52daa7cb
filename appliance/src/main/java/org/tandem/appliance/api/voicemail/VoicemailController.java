package org.tandem.appliance.api.voicemail;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.voicemail.EmailStatus;
import org.tandem.pbx.voicemail.Folder;
import org.tandem.pbx.voicemail.MessageCounts;
import org.tandem.pbx.voicemail.VoicemailBox;
import org.tandem.pbx.voicemail.VoicemailBoxDraft;
import org.tandem.pbx.voicemail.VoicemailBoxes;
import org.tandem.pbx.voicemail.VoicemailEmails;
import org.tandem.pbx.voicemail.VoicemailMessage;
import org.tandem.pbx.voicemail.VoicemailStore;

/**
 * Voicemail boxes and their messages: {@code /api/v1/voicemail/{extension}} (settings; the PIN is write
 * only), {@code .../messages} (list, {@code ?folder=new|saved}), {@code .../messages/{id}} (metadata and
 * e-mail status; PUT {@code {"folder":"saved"}} moves it, DELETE removes it) and {@code .../audio} (WAV).
 */
@RestController
@RequestMapping(path = "/api/v1/voicemail", produces = "application/json")
public class VoicemailController {

    /** A box as JSON; never the PIN, only whether one is set. */
    public record BoxView(
            String extension,
            boolean enabled,
            boolean pinSet,
            int maxMessageSeconds,
            String greeting,
            boolean emailNotify,
            boolean deleteAfterEmail,
            String email,
            int newMessages,
            int savedMessages,
            boolean pinSkipOwnPhone) {
        static BoxView of(VoicemailBox b, MessageCounts c) {
            return new BoxView(
                    b.extension(),
                    b.enabled(),
                    b.pinSet(),
                    b.maxMessageSeconds(),
                    b.greeting().name(),
                    b.emailNotify(),
                    b.deleteAfterEmail(),
                    b.email(),
                    c.newMessages(),
                    c.savedMessages(),
                    b.pinSkipOwnPhone());
        }
    }

    /** What may be changed; absent fields keep their value. */
    public record BoxRequest(
            Boolean enabled,
            String pin,
            Integer maxMessageSeconds,
            String greeting,
            Boolean emailNotify,
            Boolean deleteAfterEmail,
            Boolean pinSkipOwnPhone) {}

    public record PinRequest(String pin) {}

    public record MoveRequest(String folder) {}

    public record EmailView(
            String recipient, String status, int attempts, Instant nextTry, String lastAnswer, Instant updatedAt) {
        static EmailView of(EmailStatus s) {
            return new EmailView(s.recipient(), s.state(), s.attempts(), s.nextTry(), s.lastAnswer(), s.updatedAt());
        }
    }

    public record MessageView(
            String id,
            String box,
            String folder,
            String caller,
            String callerName,
            Instant receivedAt,
            double durationSeconds,
            long audioBytes,
            String audioUrl,
            EmailView email) {}

    private final VoicemailBoxes boxes;
    private final VoicemailStore store;
    private final VoicemailEmails emails;

    public VoicemailController(VoicemailBoxes boxes, VoicemailStore store, VoicemailEmails emails) {
        this.boxes = boxes;
        this.store = store;
        this.emails = emails;
    }

    @GetMapping
    public List<BoxView> list() {
        return boxes.list().stream()
                .map(b -> BoxView.of(b, store.counts(b.extension())))
                .toList();
    }

    @GetMapping("/{extension}")
    public BoxView get(@PathVariable String extension) {
        return BoxView.of(box(extension), store.counts(extension));
    }

    @PutMapping(path = "/{extension}", consumes = "application/json")
    public BoxView update(@PathVariable String extension, @RequestBody BoxRequest r) {
        VoicemailBox b = boxes.update(
                        extension,
                        new VoicemailBoxDraft(
                                r.enabled(),
                                r.pin(),
                                r.maxMessageSeconds(),
                                r.greeting(),
                                r.emailNotify(),
                                r.deleteAfterEmail(),
                                r.pinSkipOwnPhone()))
                .orElseThrow(() -> unknownBox(extension));
        return BoxView.of(b, store.counts(extension));
    }

    /** Sets the PIN (4 to 10 digits); 204, the PIN is never shown again. */
    @PutMapping(path = "/{extension}/pin", consumes = "application/json")
    public ResponseEntity<Void> pin(@PathVariable String extension, @RequestBody PinRequest r) {
        box(extension);
        if (!boxes.setPin(extension, r.pin())) throw unknownBox(extension);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{extension}/messages")
    public List<MessageView> messages(@PathVariable String extension, @RequestParam(required = false) String folder) {
        box(extension);
        return store.list(extension, folder == null ? null : folder(folder)).stream()
                .map(this::view)
                .toList();
    }

    @GetMapping("/{extension}/messages/{id}")
    public MessageView message(@PathVariable String extension, @PathVariable String id) {
        return view(owned(extension, id));
    }

    @PutMapping(path = "/{extension}/messages/{id}", consumes = "application/json")
    public MessageView move(@PathVariable String extension, @PathVariable String id, @RequestBody MoveRequest r) {
        if (r.folder() == null) throw new InvalidInputException("folder", "voicemail.folder-required");
        Folder to = folder(r.folder());
        owned(extension, id);
        return view(store.move(id, to).orElseThrow(() -> unknownMessage(extension, id)));
    }

    @DeleteMapping("/{extension}/messages/{id}")
    public ResponseEntity<Void> delete(@PathVariable String extension, @PathVariable String id) {
        owned(extension, id);
        if (!store.delete(id)) throw unknownMessage(extension, id);
        return ResponseEntity.noContent().build();
    }

    /** The recording as {@code audio/wav}, as an attachment. */
    @GetMapping(
            path = "/{extension}/messages/{id}/audio",
            produces = {"audio/wav", "application/json"})
    public ResponseEntity<Resource> audio(@PathVariable String extension, @PathVariable String id) {
        VoicemailMessage m = owned(extension, id);
        Path wav = store.audio(id).orElseThrow(() -> unknownMessage(extension, id));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("audio/wav"))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("voicemail-" + extension + "-" + m.id() + ".wav")
                                .build()
                                .toString())
                .body(new FileSystemResource(wav));
    }

    private MessageView view(VoicemailMessage m) {
        return new MessageView(
                m.id(),
                m.box(),
                m.folder().name().toLowerCase(Locale.ROOT),
                m.caller(),
                m.callerName(),
                m.receivedAt(),
                m.duration().toMillis() / 1000.0,
                m.audioBytes(),
                "/api/v1/voicemail/" + m.box() + "/messages/" + m.id() + "/audio",
                emails.status(m.id()).map(EmailView::of).orElse(null));
    }

    private VoicemailBox box(String extension) {
        return boxes.find(extension).orElseThrow(() -> unknownBox(extension));
    }

    private VoicemailMessage owned(String extension, String id) {
        box(extension);
        return store.find(id).filter(m -> m.box().equals(extension)).orElseThrow(() -> unknownMessage(extension, id));
    }

    private static Folder folder(String value) {
        try {
            return Folder.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("folder", "voicemail.folder");
        }
    }

    private static NotFoundException unknownBox(String extension) {
        return new NotFoundException(
                "No voicemail box " + extension + " (every user has one); GET /api/v1/voicemail lists them");
    }

    private static NotFoundException unknownMessage(String extension, String id) {
        return new NotFoundException("Box " + extension + " has no message " + id + "; GET /api/v1/voicemail/"
                + extension + "/messages lists them");
    }
}
