package org.tandem.appliance.api.users;

import java.net.URI;
import java.util.List;
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
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.directory.User;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.setup.ApplianceSetup;
import org.tandem.pbx.validation.InvalidInputException;

/** Users and their SIP credentials: {@code /api/v1/users}. Validation rules live in {@link UserDirectory}. */
@RestController
@RequestMapping(path = "/api/v1/users", produces = "application/json")
public class UserController {

    private final UserDirectory directory;
    private final SipDomain domain;
    private final ApplianceSetup setup;

    public UserController(UserDirectory directory, SipDomain domain, ApplianceSetup setup) {
        this.directory = directory;
        this.domain = domain;
        this.setup = setup;
    }

    @GetMapping
    public List<UserView> list() {
        return directory.list().stream().map(this::view).toList();
    }

    @GetMapping("/{extension}")
    public UserView get(@PathVariable String extension) {
        return view(directory.find(extension).orElseThrow(() -> unknown(extension)));
    }

    @PostMapping(consumes = "application/json")
    public ResponseEntity<UserView> create(@RequestBody UserRequest request) {
        User user = directory.create(request.toDraft(request.extension()));
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
                .path("/{extension}")
                .buildAndExpand(user.extension())
                .toUri();
        return ResponseEntity.created(location).body(view(user));
    }

    @PutMapping(path = "/{extension}", consumes = "application/json")
    public UserView update(@PathVariable String extension, @RequestBody UserRequest request) {
        if (request.extension() != null && !request.extension().equals(extension)) {
            throw new InvalidInputException("extension", "user.extension-fixed");
        }
        return view(directory.update(extension, request.toDraft(extension)).orElseThrow(() -> unknown(extension)));
    }

    @DeleteMapping("/{extension}")
    public ResponseEntity<Void> delete(@PathVariable String extension) {
        if (!directory.delete(extension)) throw unknown(extension);
        return ResponseEntity.noContent().build();
    }

    private UserView view(User user) {
        return UserView.of(user, domain.current(), setup.language());
    }

    private static NotFoundException unknown(String extension) {
        return new NotFoundException("No user has extension " + extension + "; GET /api/v1/users lists them");
    }
}
