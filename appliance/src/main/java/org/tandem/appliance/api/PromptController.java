package org.tandem.appliance.api;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.media.Wav;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.upload.LimitedInputStream;
import org.tandem.pbx.upload.UploadLimits;

/**
 * The prompt set: {@code GET /api/v1/prompts} (every prompt, shipped or the admin's own, with its words and
 * whether a recording was uploaded), {@code GET /{id}/audio} (as played: 8 kHz WAV), {@code PUT /{id}} with the
 * recording as the body (WAV, AIFF or AU in any common rate and channel count; converted), which replaces a shipped
 * prompt or adds an own one (e.g. an IVR greeting), and {@code DELETE /{id}} (back to the shipped one, or gone).
 */
@RestController
@RequestMapping(path = "/api/v1/prompts", produces = "application/json")
public class PromptController {

    /** @param text the shipped words; null for an own prompt */
    public record PromptView(String id, String text, boolean shipped, boolean uploaded, double seconds, String audioUrl) {
    }

    private final Prompts prompts;
    private final UploadLimits limits;

    public PromptController(Prompts prompts, UploadLimits limits) {
        this.prompts = prompts;
        this.limits = limits;
    }

    @GetMapping
    public List<PromptView> list() {
        return prompts.ids().stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    public PromptView get(@PathVariable String id) {
        return view(existing(id));
    }

    @GetMapping(path = "/{id}/audio", produces = {"audio/wav", "application/json"})
    public ResponseEntity<byte[]> audio(@PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("audio/wav"))
                .body(Wav.bytes(prompts.get(existing(id))));
    }

    // audio or raw bytes; never a type a browser form can send (issue 22, finding 6)
    @PutMapping(path = "/{id}", consumes = {"audio/*", "application/octet-stream"})
    public PromptView upload(@PathVariable String id, HttpServletRequest request) throws IOException {
        byte[] audio;
        // at most tandem.uploads.prompt; the converter needs the file whole, so no more than that is ever held
        try (InputStream in = new LimitedInputStream(request.getInputStream(), "The recording", limits.prompt())) {
            audio = in.readAllBytes();
        }
        prompts.upload(id, audio);
        return view(id);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        if (!prompts.removeUpload(id)) throw new NotFoundException("No uploaded recording for prompt " + id);
        return ResponseEntity.noContent().build();
    }

    private String existing(String id) {
        if (!prompts.exists(id)) throw new NotFoundException("No prompt " + id);
        return id;
    }

    private PromptView view(String id) {
        return new PromptView(id, prompts.text(id), prompts.isShipped(id), prompts.isUploaded(id),
                prompts.length(id).toMillis() / 1000.0, "/api/v1/prompts/" + id + "/audio");
    }
}
