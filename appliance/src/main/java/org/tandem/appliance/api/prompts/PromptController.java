package org.tandem.appliance.api.prompts;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.media.Wav;
import org.tandem.operations.upload.LimitedInputStream;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.pbx.prompt.Language;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The prompt set: {@code GET /api/v1/prompts} (every prompt, shipped or the admin's own, with its words and
 * whether a recording was uploaded), {@code GET /{id}/audio} (as played: 8 kHz WAV), {@code PUT /{id}} with the
 * recording as the body (WAV, AIFF or AU in any common rate and channel count; converted), which replaces a shipped
 * prompt or adds an own one (e.g. an IVR greeting), and {@code DELETE /{id}} (back to the shipped one, or gone).
 * Each takes {@code ?language=} (en, de, fr or es; English when left out): every language has its own set and its
 * own uploads, and a prompt a language lacks is played in English.
 */
@RestController
@RequestMapping(path = "/api/v1/prompts", produces = "application/json")
public class PromptController {

    /** @param text the shipped words; null for an own prompt */
    public record PromptView(
            String id,
            String language,
            String text,
            boolean shipped,
            boolean uploaded,
            double seconds,
            String audioUrl) {}

    private final Prompts prompts;
    private final UploadLimits limits;

    public PromptController(Prompts prompts, UploadLimits limits) {
        this.prompts = prompts;
        this.limits = limits;
    }

    @GetMapping
    public List<PromptView> list(@RequestParam(required = false) String language) {
        Language l = language(language);
        return prompts.ids(l).stream().map(id -> view(l, id)).toList();
    }

    @GetMapping("/{id}")
    public PromptView get(@PathVariable String id, @RequestParam(required = false) String language) {
        Language l = language(language);
        return view(l, existing(id));
    }

    @GetMapping(
            path = "/{id}/audio",
            produces = {"audio/wav", "application/json"})
    public ResponseEntity<byte[]> audio(@PathVariable String id, @RequestParam(required = false) String language) {
        Language l = language(language);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("audio/wav"))
                .body(Wav.bytes(prompts.in(l).get(existing(id))));
    }

    // audio or raw bytes; never a type a browser form can send (issue 22, finding 6)
    @PutMapping(
            path = "/{id}",
            consumes = {"audio/*", "application/octet-stream"})
    public PromptView upload(
            @PathVariable String id, @RequestParam(required = false) String language, HttpServletRequest request)
            throws IOException {
        Language l = language(language);
        byte[] audio;
        // at most tandem.uploads.prompt; the converter needs the file whole, so no more than that is ever held
        try (InputStream in = new LimitedInputStream(request.getInputStream(), "The recording", limits.prompt())) {
            audio = in.readAllBytes();
        }
        prompts.upload(l, id, audio);
        return view(l, id);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, @RequestParam(required = false) String language) {
        Language l = language(language);
        if (!prompts.removeUpload(l, id)) {
            throw new NotFoundException("No uploaded " + l.displayName() + " recording for prompt " + id);
        }
        return ResponseEntity.noContent().build();
    }

    private String existing(String id) {
        if (!prompts.exists(id)) throw new NotFoundException("No prompt " + id);
        return id;
    }

    /** English when left out; 400 naming the field for anything but en, de, fr or es. */
    private static Language language(String code) {
        if (code == null) return Language.EN;
        return Language.of(code)
                .orElseThrow(() -> InvalidInputException.of(
                        Map.of("language", Language.problem(code).orElseThrow())));
    }

    private PromptView view(Language l, String id) {
        String url = "/api/v1/prompts/" + id + "/audio" + (l == Language.EN ? "" : "?language=" + l.code());
        return new PromptView(
                id,
                l.code(),
                prompts.text(l, id),
                prompts.text(l, id) != null,
                prompts.isUploaded(l, id),
                prompts.in(l).length(id).toMillis() / 1000.0,
                url);
    }
}
