package org.tandem.pbx.ivr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.ivr.internal.IvrRepository;
import org.tandem.pbx.ivr.internal.IvrRules;
import org.tandem.pbx.prompt.PromptUse;
import org.tandem.pbx.prompt.Prompts;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.DestinationCheck;
import org.tandem.pbx.routing.DestinationUse;
import org.tandem.pbx.routing.KnownDestinations;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The IVR menus: held in memory for the call path, written through to the database (database first);
 * a change applies to the next caller entering the menu. {@link #session} starts a caller's
 * {@link IvrSession}, which the media call flow drives.
 */
@Service
public class IvrMenus implements DestinationCheck, DestinationUse, PromptUse {

    private final IvrRepository repository;
    private final KnownDestinations known;
    private final UserDirectory users;
    private final Map<String, IvrMenu> menus = new ConcurrentHashMap<>();

    private final Prompts prompts;

    public IvrMenus(IvrRepository repository, KnownDestinations known, UserDirectory users, Prompts prompts) {
        this.prompts = prompts;
        this.repository = repository;
        this.known = known;
        this.users = users;
        repository.all().forEach(m -> menus.put(m.name(), m));
    }

    /** The menus that name prompt {@code id}: "IVR menu main (greeting)", "... (invalid-input prompt)". */
    @Override
    public List<String> usesOf(String id) {
        List<String> out = new ArrayList<>();
        for (IvrMenu m : list()) {
            if (id.equals(m.greetingPrompt())) out.add("IVR menu " + m.name() + " (greeting)");
            if (id.equals(m.invalidPrompt())) out.add("IVR menu " + m.name() + " (invalid-input prompt)");
        }
        return out;
    }

    public List<IvrMenu> list() {
        return menus.values().stream()
                .sorted(Comparator.comparing(IvrMenu::name))
                .toList();
    }

    public Optional<IvrMenu> find(String name) {
        return Optional.ofNullable(name == null ? null : menus.get(name));
    }

    /** @throws org.tandem.pbx.validation.InvalidInputException naming each bad field; DuplicateException when the name exists */
    @Transactional
    public IvrMenu create(IvrMenuDraft draft) {
        String name = draft.name() == null ? null : draft.name().strip();
        IvrMenu m = checkPrompts(IvrRules.menu(name, draft, known));
        if (menus.containsKey(m.name())) throw new DuplicateException("duplicate.ivr-menu", m.name());
        repository.insert(m);
        menus.put(m.name(), m);
        return m;
    }

    @Transactional
    public Optional<IvrMenu> update(String name, IvrMenuDraft draft) {
        IvrMenu before = menus.get(name);
        if (before == null) return Optional.empty();
        IvrMenu m = checkPrompts(IvrRules.menu(name, draft, known));
        if (draft.language() == null) { // left out: the menu keeps its language
            m = new IvrMenu(
                    m.name(),
                    m.greetingPrompt(),
                    m.options(),
                    m.dialByExtension(),
                    m.digitTimeoutSeconds(),
                    m.interDigitTimeoutSeconds(),
                    m.invalidPrompt(),
                    m.retries(),
                    m.fallback(),
                    before.language());
        }
        if (repository.update(m) == 0) return Optional.empty();
        menus.put(name, m);
        return Optional.of(m);
    }

    /** What sends calls to menu {@code name} (routes, other menus, time conditions, forwarding). */
    public List<String> usesOfMenu(String name) {
        return known.usesOf(new Destination.IvrMenu(name));
    }

    /** @throws org.tandem.pbx.validation.InUseException when a route, another menu or a time condition sends calls here */
    @Transactional
    public boolean delete(String name) {
        if (!menus.containsKey(name)) return false;
        known.refuseIfUsed(new Destination.IvrMenu(name), "IVR menu " + name);
        if (repository.delete(name) == 0) return false;
        menus.remove(name);
        return true;
    }

    /** The menus whose keys or fallback send calls to {@code d} ("IVR menu main (key 1)"), not counting {@code d} itself. */
    @Override
    public List<String> usesOf(Destination d) {
        List<String> out = new ArrayList<>();
        for (IvrMenu m : list()) {
            if (d.equals(new Destination.IvrMenu(m.name()))) continue;
            m.options().forEach((key, to) -> {
                if (d.equals(to)) out.add("IVR menu " + m.name() + " (key " + key + ")");
            });
            if (d.equals(m.fallback())) out.add("IVR menu " + m.name() + " (fallback)");
        }
        return out;
    }

    /** The menu's prompts must be in the prompt set (shipped, or uploaded on the Prompts page). */
    private IvrMenu checkPrompts(IvrMenu m) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (!prompts.exists(m.greetingPrompt())) {
            errors.put("greetingPrompt", FieldError.of("ivr.no-greeting-prompt", m.greetingPrompt()));
        }
        if (!prompts.exists(m.invalidPrompt())) {
            errors.put("invalidPrompt", FieldError.of("ivr.no-invalid-prompt", m.invalidPrompt()));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return m;
    }

    /** A new caller in the menu; empty when there is no such menu. Dial-by-extension sees the current users. */
    public Optional<IvrSession> session(String name) {
        return find(name)
                .map(m -> new IvrSession(m, new IvrSession.Extensions() {
                    @Override
                    public boolean exists(String number) {
                        return users.exists(number);
                    }

                    @Override
                    public boolean longerStartsWith(String prefix) {
                        return users.list().stream()
                                .anyMatch(u -> u.extension().length() > prefix.length()
                                        && u.extension().startsWith(prefix));
                    }
                }));
    }

    @Override
    public Optional<FieldError> problem(Destination d) {
        if (d instanceof Destination.IvrMenu m && !menus.containsKey(m.menu())) {
            return Optional.of(FieldError.of("destination.no-ivr-menu", m.menu()));
        }
        return Optional.empty();
    }
}
