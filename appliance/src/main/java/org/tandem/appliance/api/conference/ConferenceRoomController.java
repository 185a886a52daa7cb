package org.tandem.appliance.api.conference;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.tandem.appliance.api.NotFoundException;
import org.tandem.pbx.conference.ConferenceCalls;
import org.tandem.pbx.conference.ConferenceParticipant;
import org.tandem.pbx.conference.ConferenceRecordings;
import org.tandem.pbx.conference.ConferenceRoom;
import org.tandem.pbx.conference.ConferenceRoomDraft;
import org.tandem.pbx.conference.ConferenceRooms;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * Conference rooms: {@code /api/v1/conference-rooms}, keyed by number. The PIN is write only ({@code hasPin}
 * says whether there is one); PUT changes the fields it gives and keeps the others ({@code "pin":""} removes it).
 */
@RestController
@RequestMapping(path = "/api/v1/conference-rooms", produces = "application/json")
public class ConferenceRoomController {

    public record ConferenceRoomView(
            String number,
            String name,
            boolean hasPin,
            int maxParticipants,
            boolean record,
            boolean locked,
            boolean announceJoinLeave,
            String language) {
        static ConferenceRoomView of(ConferenceRoom r) {
            return new ConferenceRoomView(
                    r.number(),
                    r.name(),
                    r.hasPin(),
                    r.maxParticipants(),
                    r.record(),
                    r.locked(),
                    r.announceJoinLeave(),
                    r.language());
        }
    }

    private final ConferenceRooms rooms;
    private final ConferenceCalls live;

    private final ConferenceRecordings recordings;

    public ConferenceRoomController(ConferenceRooms rooms, ConferenceCalls live, ConferenceRecordings recordings) {
        this.rooms = rooms;
        this.live = live;
        this.recordings = recordings;
    }

    /** The room's recordings (rooms with "record" on), newest first. */
    @GetMapping("/{number}/recordings")
    public List<ConferenceRecordings.RoomRecording> recordings(@PathVariable String number) {
        rooms.find(number).orElseThrow(() -> unknown(number));
        return recordings.list(number);
    }

    @GetMapping(
            path = "/{number}/recordings/{name}",
            produces = {"audio/wav", "application/json"})
    public ResponseEntity<Resource> recording(@PathVariable String number, @PathVariable String name) {
        Path file = recordings
                .file(number, name)
                .orElseThrow(() -> new NotFoundException("No recording " + name + " of conference room " + number));
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("audio/wav"))
                .body(new FileSystemResource(file));
    }

    /** Who is in the room now (empty when nobody is). */
    @GetMapping("/{number}/participants")
    public List<ConferenceParticipant> participants(@PathVariable String number) {
        rooms.find(number).orElseThrow(() -> unknown(number));
        return live.participants(number);
    }

    public record ParticipantChange(Boolean muted) {}

    /** Mutes or unmutes a participant ({@code {"muted": true}}): the others stop (or start) hearing them. */
    @PutMapping(path = "/{number}/participants/{id}", consumes = "application/json")
    public ResponseEntity<Void> change(
            @PathVariable String number, @PathVariable String id, @RequestBody ParticipantChange change) {
        if (change.muted() == null) throw new InvalidInputException("muted", "common.required-true-false");
        if (!live.mute(number, id, change.muted())) throw noParticipant(number, id);
        return ResponseEntity.noContent().build();
    }

    /** Removes a participant from the room (their call is hung up). */
    @DeleteMapping("/{number}/participants/{id}")
    public ResponseEntity<Void> kick(@PathVariable String number, @PathVariable String id) {
        if (!live.kick(number, id)) throw noParticipant(number, id);
        return ResponseEntity.noContent().build();
    }

    private static NotFoundException noParticipant(String number, String id) {
        return new NotFoundException("Nobody with id " + id + " is in conference room " + number
                + "; GET /api/v1/conference-rooms/" + number + "/participants lists them");
    }

    @GetMapping
    public List<ConferenceRoomView> list() {
        return rooms.list().stream().map(ConferenceRoomView::of).toList();
    }

    @GetMapping("/{number}")
    public ConferenceRoomView get(@PathVariable String number) {
        return ConferenceRoomView.of(rooms.find(number).orElseThrow(() -> unknown(number)));
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<ConferenceRoomView> create(@RequestBody ConferenceRoomDraft draft) {
        ConferenceRoom r = rooms.create(draft);
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{number}")
                .buildAndExpand(r.number())
                .toUri();
        return ResponseEntity.created(location).body(ConferenceRoomView.of(r));
    }

    @PutMapping(path = "/{number}", consumes = "application/json")
    public ConferenceRoomView update(@PathVariable String number, @RequestBody ConferenceRoomDraft draft) {
        if (draft.number() != null && !draft.number().strip().equals(number)) {
            throw new InvalidInputException("number", "conference.number-fixed");
        }
        return ConferenceRoomView.of(rooms.update(number, draft).orElseThrow(() -> unknown(number)));
    }

    @DeleteMapping("/{number}")
    public ResponseEntity<Void> delete(@PathVariable String number) {
        if (!rooms.delete(number)) throw unknown(number);
        return ResponseEntity.noContent().build();
    }

    private static NotFoundException unknown(String number) {
        return new NotFoundException(
                "No conference room has number " + number + "; GET /api/v1/conference-rooms lists them");
    }
}
