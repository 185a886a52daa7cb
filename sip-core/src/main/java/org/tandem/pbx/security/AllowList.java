package org.tandem.pbx.security;

import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.security.internal.AddressMatcher;
import org.tandem.pbx.security.internal.AllowListRepository;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;
import org.tandem.pbx.validation.InvalidValueException;

/**
 * The admin's allow-list: addresses and CIDR blocks (IPv4 and IPv6) that are never banned, whatever
 * they get wrong. Stored in the database (seeded once from {@code tandem.security.allow-list}), kept in
 * memory for the ban checks, and announced with {@link AllowListChanged} so a change takes effect at
 * once. Edits come from the API and the web UI, never from a SIP thread, so they write the database
 * directly.
 */
@Service
public class AllowList {

    private static final Logger log = LoggerFactory.getLogger(AllowList.class);

    private final AllowListRepository repository;
    private final SecurityProperties props;
    private final ApplicationEventPublisher events;
    private volatile List<String> entries = List.of();

    public AllowList(AllowListRepository repository, SecurityProperties props, ApplicationEventPublisher events) {
        this.repository = repository;
        this.props = props;
        this.events = events;
    }

    /** First start with this table: the configured list becomes the stored one; later the table rules. */
    @PostConstruct
    public void load() {
        if (!repository.seeded()) {
            Instant now = now();
            for (String e : props.allowList()) {
                try {
                    repository.add(AddressMatcher.normalise(e), now);
                } catch (IllegalArgumentException bad) {
                    log.warn("tandem.security.allow-list: ignoring {}: {}", e, bad.getMessage());
                }
            }
            repository.markSeeded(now);
        }
        // no event here: listeners are not registered yet; FailureBans reads entries() when it is made
        entries = List.copyOf(repository.entries());
    }

    /** The entries, in the order they were added. */
    public List<String> entries() {
        return entries;
    }

    /**
     * Adds one entry.
     *
     * @return the normalised entry
     * @throws InvalidInputException with field {@code entry} when it is not an address or CIDR block, or a network
     *                               wider than {@code tandem.security.allow-list-widest-ipv4-prefix} (or -ipv6-)
     */
    @Transactional
    public synchronized String add(String entry) {
        String clean = check("entry", entry);
        tooWide(clean).ifPresent(message -> {
            throw InvalidInputException.of(Map.of("entry", message));
        });
        if (repository.add(clean, now())) changed("added " + clean);
        return clean;
    }

    /** @return false when the entry was not in the list */
    @Transactional
    public synchronized boolean remove(String entry) {
        String clean;
        try {
            clean = AddressMatcher.normalise(entry);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!repository.remove(clean)) return false;
        changed("removed " + clean);
        return true;
    }

    /**
     * Replaces the whole list; nothing changes when one entry is bad.
     *
     * @throws InvalidInputException naming each bad entry as {@code entries[i]}
     */
    @Transactional
    public synchronized List<String> replace(List<String> newEntries) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        Set<String> clean = new LinkedHashSet<>();
        List<String> given = newEntries == null ? List.of() : new ArrayList<>(newEntries);
        for (int i = 0; i < given.size(); i++) {
            try {
                String e = AddressMatcher.normalise(given.get(i));
                Optional<FieldError> wide = tooWide(e);
                if (wide.isPresent()) {
                    errors.put("entries[" + i + "]", wide.get());
                    continue;
                }
                clean.add(e);
            } catch (InvalidValueException e) {
                errors.put("entries[" + i + "]", e.error());
            }
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        repository.removeAll();
        Instant now = now();
        for (String e : clean) repository.add(e, now);
        changed("replaced with " + clean);
        return List.copyOf(clean);
    }

    /**
     * Why a normalised entry is too wide a network, or empty. An allow-listed address is never banned, so
     * 0.0.0.0/0 would switch brute-force protection off for everyone: the widest network taken is configurable.
     */
    private Optional<FieldError> tooWide(String clean) {
        int slash = clean.indexOf('/');
        if (slash < 0) return Optional.empty();
        int prefix = Integer.parseInt(clean.substring(slash + 1));
        boolean v6 = clean.indexOf(':') >= 0;
        int widest = v6 ? props.allowListWidestIpv6Prefix() : props.allowListWidestIpv4Prefix();
        if (prefix >= widest) return Optional.empty();
        return Optional.of(FieldError.of(
                "allow-list.too-wide", clean, widest, v6 ? "6" : "4", v6 ? "2001:db8:1::/48" : "192.168.1.0/24"));
    }

    /** The entry normalised, or an {@link InvalidInputException} for {@code field}. */
    public static String check(String field, String entry) {
        try {
            return AddressMatcher.normalise(entry);
        } catch (InvalidValueException e) {
            throw InvalidInputException.of(Map.of(field, e.error()));
        }
    }

    private void changed(String what) {
        entries = List.copyOf(repository.entries());
        log.info("Allow-list {}: now {}", what, entries);
        events.publishEvent(new AllowListChanged(entries));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
