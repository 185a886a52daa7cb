package org.tandem.pbx.trunk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.tandem.pbx.directory.UserChanged;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.trunk.internal.RouteRepository;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.FieldError;
import org.tandem.pbx.validation.InvalidInputException;

/**
 * The ordered outbound routes and each user's outbound permission class and caller ID. In memory,
 * written through to the database; the first route with a matching pattern wins.
 */
@Service
public class OutboundRoutes {

    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,32}");
    private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{1,32}");
    private static final Pattern PREPEND = Pattern.compile("\\+?[0-9*#]{0,32}");

    private final RouteRepository repository;
    private final TrunkDirectory trunks;
    private final UserDirectory users;
    private final PermissionClass defaultPermission;
    private volatile List<OutboundRoute> routes;
    private final Map<String, UserOutbound> perUser = new ConcurrentHashMap<>();

    public OutboundRoutes(
            RouteRepository repository, TrunkDirectory trunks, UserDirectory users, TrunkProperties props) {
        this.repository = repository;
        this.trunks = trunks;
        this.users = users;
        this.defaultPermission =
                PermissionClass.parse(props.defaultPermission(), "tandem.trunk.default-permission", null);
        this.routes = List.copyOf(repository.outboundRoutes());
        repository.userOutbound().forEach(u -> perUser.put(u.extension(), u));
    }

    public List<OutboundRoute> list() {
        return routes;
    }

    public Optional<OutboundRoute> find(String id) {
        return routes.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Transactional
    public synchronized OutboundRoute create(OutboundRouteDraft draft) {
        if (draft.id() == null || !ID.matcher(draft.id()).matches()) {
            throw new InvalidInputException("id", "common.id-32");
        }
        if (find(draft.id()).isPresent()) throw new DuplicateException("duplicate.outbound-route", draft.id());
        OutboundRoute route = check(draft.id(), routes.size(), draft);
        repository.insert(route);
        List<OutboundRoute> next = new ArrayList<>(routes);
        next.add(route);
        routes = List.copyOf(next);
        return route;
    }

    @Transactional
    public synchronized Optional<OutboundRoute> update(String id, OutboundRouteDraft draft) {
        Optional<OutboundRoute> current = find(id);
        if (current.isEmpty()) return Optional.empty();
        OutboundRoute route = check(id, current.get().position(), draft);
        repository.update(route);
        routes = routes.stream().map(r -> r.id().equals(id) ? route : r).toList();
        return Optional.of(route);
    }

    @Transactional
    public synchronized boolean delete(String id) {
        if (repository.deleteOutbound(id) == 0) return false;
        renumber(routes.stream().filter(r -> !r.id().equals(id)).toList());
        return true;
    }

    /** Puts the routes in this order; {@code ids} must name every route exactly once. */
    @Transactional
    public synchronized List<OutboundRoute> reorder(List<String> ids) {
        Map<String, OutboundRoute> byId = new LinkedHashMap<>();
        routes.forEach(r -> byId.put(r.id(), r));
        if (ids == null
                || ids.size() != byId.size()
                || !byId.keySet().containsAll(ids)
                || ids.stream().distinct().count() != ids.size()) {
            throw new InvalidInputException("order", "outbound.order", byId.keySet());
        }
        renumber(ids.stream().map(byId::get).toList());
        return routes;
    }

    private void renumber(List<OutboundRoute> ordered) {
        List<OutboundRoute> next = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            OutboundRoute r = ordered.get(i);
            OutboundRoute moved =
                    new OutboundRoute(r.id(), i, r.patterns(), r.prepend(), r.trunks(), r.callerId(), r.permission());
            if (r.position() != i) repository.update(moved);
            next.add(moved);
        }
        routes = List.copyOf(next);
    }

    private OutboundRoute check(String id, int position, OutboundRouteDraft d) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        List<String> patterns = new ArrayList<>();
        if (d.patterns() == null || d.patterns().isEmpty()) {
            errors.put("patterns", FieldError.of("outbound.patterns-none"));
        } else {
            for (String p : d.patterns()) {
                try {
                    patterns.add(DialPattern.parse(p, "patterns").toString());
                } catch (InvalidInputException e) {
                    errors.putAll(e.errors());
                }
            }
        }
        String prepend = d.prepend() == null || d.prepend().isBlank()
                ? null
                : d.prepend().strip();
        if (prepend != null && !PREPEND.matcher(prepend).matches()) {
            errors.put("prepend", FieldError.of("outbound.prepend"));
        }
        List<String> trunkIds = d.trunks() == null
                ? List.of()
                : d.trunks().stream().map(String::strip).toList();
        if (trunkIds.isEmpty()) errors.put("trunks", FieldError.of("outbound.trunks-none"));
        for (String t : trunkIds) {
            if (trunks.find(t).isEmpty()) errors.put("trunks", FieldError.of("outbound.no-trunk", t));
        }
        String callerId = d.callerId() == null || d.callerId().isBlank()
                ? null
                : d.callerId().strip();
        if (callerId != null && !NUMBER.matcher(callerId).matches()) {
            errors.put("callerId", FieldError.of("common.number-digits"));
        }
        PermissionClass permission = null;
        try {
            permission = PermissionClass.parse(d.permission(), "permission", PermissionClass.NATIONAL);
        } catch (InvalidInputException e) {
            errors.putAll(e.errors());
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        return new OutboundRoute(id, position, patterns, prepend, trunkIds, callerId, permission);
    }

    /** The user's outbound settings (the default class when they have none of their own). */
    public Optional<UserOutbound> userSettings(String extension) {
        if (!users.exists(extension)) return Optional.empty();
        return Optional.of(perUser.getOrDefault(extension, new UserOutbound(extension, defaultPermission, null)));
    }

    /** The permission class of {@code extension}: its own, else the default (also for unknown extensions). */
    public PermissionClass permissionOf(String extension) {
        UserOutbound own = extension == null ? null : perUser.get(extension);
        return own != null ? own.permission() : defaultPermission;
    }

    /**
     * Whether {@code extension}'s forwarding may send an outside caller out through a trunk (off unless the admin
     * turned it on for them, whatever their class).
     */
    public boolean forwardsExternalCallers(String extension) {
        UserOutbound own = extension == null ? null : perUser.get(extension);
        return own != null && own.forwardExternalCallers();
    }

    /** Sets the class and caller ID; the permission to forward outside callers out is kept as it is. */
    @Transactional
    public Optional<UserOutbound> updateUserSettings(String extension, String permission, String callerId) {
        return updateUserSettings(extension, permission, callerId, null);
    }

    /** @param forwardExternalCallers the permission to forward outside callers out of a trunk; null keeps it */
    @Transactional
    public Optional<UserOutbound> updateUserSettings(
            String extension, String permission, String callerId, Boolean forwardExternalCallers) {
        if (!users.exists(extension)) return Optional.empty();
        Map<String, FieldError> errors = new LinkedHashMap<>();
        PermissionClass p = null;
        try {
            p = PermissionClass.parse(permission, "permission", null);
        } catch (InvalidInputException e) {
            errors.putAll(e.errors());
        }
        String cid = callerId == null || callerId.isBlank() ? null : callerId.strip();
        if (cid != null && !NUMBER.matcher(cid).matches()) {
            errors.put("callerId", FieldError.of("common.number-digits"));
        }
        if (!errors.isEmpty()) throw InvalidInputException.of(errors);
        boolean forward = forwardExternalCallers != null ? forwardExternalCallers : forwardsExternalCallers(extension);
        UserOutbound settings = new UserOutbound(extension, p, cid, forward);
        repository.upsertUserOutbound(settings);
        perUser.put(extension, settings);
        return Optional.of(settings);
    }

    /** A deleted user's settings went with their row (ON DELETE CASCADE); forget them here too. */
    @EventListener
    void on(UserChanged changed) {
        if (changed.deleted()) perUser.remove(changed.extension());
    }
}
