package org.tandem.pbx.trunk;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.security.SecretCipher;
import org.tandem.pbx.trunk.internal.TrunkRepository;
import org.tandem.pbx.trunk.internal.TrunkRow;
import org.tandem.pbx.validation.DuplicateException;
import org.tandem.pbx.validation.InUseException;

/**
 * The SIP trunks. Held in memory with their decrypted passwords and the addresses their hosts resolve
 * to (so the SIP path never waits on the database or DNS); changes are written to the database first.
 * Host names are resolved when a trunk is saved and at startup.
 */
@Service
public class TrunkDirectory {

    private static final Logger log = LoggerFactory.getLogger(TrunkDirectory.class);

    private record Entry(Trunk trunk, String password, Set<String> hostAddresses) {}

    private final TrunkRepository repository;
    private final SecretCipher cipher;
    private final ApplicationEventPublisher events;
    /** The changes' transactions: the reads on the SIP path are plain calls, with no transaction proxy around them. */
    private final TransactionTemplate tx;

    private final Map<String, Entry> trunks = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    /** Asked before a trunk is deleted (the routes depend on this directory, hence lazily). */
    private final ObjectProvider<OutboundRoutes> routes;

    private final ProviderTemplates templates;

    public TrunkDirectory(
            TrunkRepository repository,
            SecretCipher cipher,
            ApplicationEventPublisher events,
            ObjectProvider<OutboundRoutes> routes,
            ProviderTemplates templates,
            PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
        this.templates = templates;
        this.routes = routes;
        this.repository = repository;
        this.cipher = cipher;
        this.events = events;
        for (TrunkRow row : repository.findAll()) {
            trunks.put(row.id(), entry(row));
        }
    }

    public Trunk create(TrunkDraft draft) {
        return tx.execute(status -> {
            TrunkRules.Checked c = TrunkRules.check(draft, true, false, templates.ids());
            if (trunks.containsKey(draft.id())) throw new DuplicateException("duplicate.trunk", draft.id());
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            byte[] token = new byte[12];
            random.nextBytes(token);
            TrunkRow row = row(
                    draft.id(),
                    c,
                    encrypt(draft.password()),
                    "tr-" + HexFormat.of().formatHex(token),
                    now,
                    now);
            try {
                repository.insert(row);
            } catch (DuplicateKeyException e) {
                throw new DuplicateException("duplicate.trunk", draft.id());
            }
            Entry e = entry(row);
            trunks.put(row.id(), e);
            events.publishEvent(new TrunkChanged(row.id(), false));
            return e.trunk();
        });
    }

    public Optional<Trunk> update(String id, TrunkDraft draft) {
        return tx.execute(status -> {
            Entry current = trunks.get(id);
            if (current == null) return Optional.empty();
            TrunkRules.Checked c = TrunkRules.check(draft, false, current.password() != null, templates.ids());
            String password = draft.password() != null ? draft.password() : current.password();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            TrunkRow row = row(
                    id,
                    c,
                    encrypt(password),
                    current.trunk().contactUser(),
                    current.trunk().createdAt(),
                    now);
            if (repository.update(row) == 0) return Optional.empty();
            Entry e = entry(row);
            trunks.put(id, e);
            events.publishEvent(new TrunkChanged(id, false));
            return Optional.of(e.trunk());
        });
    }

    /** The outbound routes that go out through trunk {@code id} ("outbound route local"); empty when none does. */
    public List<String> usesOf(String id) {
        OutboundRoutes outbound = routes.getIfAvailable();
        if (outbound == null) return List.of();
        return outbound.list().stream()
                .filter(r -> r.trunks().contains(id))
                .map(r -> "outbound route " + r.id())
                .toList();
    }

    /** @throws org.tandem.pbx.validation.InUseException when an outbound route still goes out through it */
    public boolean delete(String id) {
        return tx.execute(status -> {
            if (!trunks.containsKey(id)) return false;
            List<String> using = usesOf(id);
            if (!using.isEmpty()) throw new InUseException("Trunk " + id, using);
            if (repository.delete(id) == 0) return false;
            trunks.remove(id);
            events.publishEvent(new TrunkChanged(id, true));
            return true;
        });
    }

    public Optional<Trunk> find(String id) {
        Entry e = id == null ? null : trunks.get(id);
        return e == null ? Optional.empty() : Optional.of(e.trunk());
    }

    public List<Trunk> list() {
        if (trunks.isEmpty()) return List.of(); // every request from a host not ours asks (TrunkGateway)
        return trunks.values().stream()
                .map(Entry::trunk)
                .sorted(Comparator.comparing(Trunk::id))
                .toList();
    }

    /** The trunk's password in clear, from memory (digest answers); empty when it has none. */
    public Optional<String> password(String id) {
        Entry e = id == null ? null : trunks.get(id);
        return e == null ? Optional.empty() : Optional.ofNullable(e.password());
    }

    /** The trunk whose registration Contact has this user part. */
    public Optional<Trunk> byContactUser(String user) {
        if (user == null) return Optional.empty();
        for (Entry e : trunks.values()) { // every request asks (TrunkGateway): a loop, not a stream pipeline
            if (e.trunk().contactUser().equals(user)) return Optional.of(e.trunk());
        }
        return Optional.empty();
    }

    /**
     * The trunk a request from {@code address:port} comes from: the provider's host (as resolved) on the
     * trunk's port, or one of its extra inbound addresses (any port, unless the entry names one).
     */
    public Optional<Trunk> bySource(String address, int port) {
        if (address == null) return Optional.empty();
        for (Entry e : trunks.values()) {
            Trunk t = e.trunk();
            if (e.hostAddresses().contains(address) && port == t.port()) return Optional.of(t);
            for (String allowed : t.inboundAddresses()) {
                if (allowed.equals(address) || allowed.equals(address + ":" + port)) return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * True when {@code host} is the host or the From domain of some trunk (as written, case ignored). Every new INVITE
     * from outside asks (TrunkGateway): a loop over the map, no sorted copy and stream (issue 23).
     */
    public boolean isProviderDomain(String host) {
        if (host == null) return false;
        for (Entry e : trunks.values()) {
            Trunk t = e.trunk();
            if (t.host().equalsIgnoreCase(host)
                    || (t.fromDomain() != null && t.fromDomain().equalsIgnoreCase(host))) {
                return true;
            }
        }
        return false;
    }

    /** True when some trunk's provider (host or extra address) uses {@code address}, on any port. */
    public boolean isProviderAddress(String address) {
        return byProviderAddress(address).isPresent();
    }

    /** The trunk whose provider (host or extra address) uses {@code address}, on any port. From memory. */
    public Optional<Trunk> byProviderAddress(String address) {
        if (address == null) return Optional.empty();
        return trunks.values().stream()
                .filter(e -> e.hostAddresses().contains(address)
                        || e.trunk().inboundAddresses().stream()
                                .anyMatch(a -> a.equals(address) || a.startsWith(address + ":")))
                .map(Entry::trunk)
                .findFirst();
    }

    private String encrypt(String password) {
        return password == null ? null : cipher.encrypt(password);
    }

    private Entry entry(TrunkRow r) {
        List<String> addresses = split(r.inboundAddresses());
        Trunk t = new Trunk(
                r.id(),
                r.host(),
                r.port(),
                r.transport(),
                r.username(),
                r.authUsername(),
                r.fromDomain(),
                r.register(),
                r.registerExpiry(),
                addresses,
                CallerIdPolicy.valueOf(r.callerIdPolicy()),
                r.callerId(),
                r.assertIdentity(),
                r.maxChannels(),
                r.contactUser(),
                split(r.codecs()),
                DtmfMode.valueOf(r.dtmfMode().toUpperCase(Locale.ROOT)),
                r.template(),
                r.createdAt(),
                r.updatedAt());
        return new Entry(t, r.secretEnc() == null ? null : cipher.decrypt(r.secretEnc()), resolve(r.host()));
    }

    private static List<String> split(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank()
                ? List.of()
                : Arrays.stream(commaSeparated.split(","))
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static Set<String> resolve(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            return Arrays.stream(InetAddress.getAllByName(h))
                    .map(InetAddress::getHostAddress)
                    .collect(Collectors.toSet());
        } catch (UnknownHostException e) {
            log.warn(
                    "Trunk host {} does not resolve now; calls from it are not recognised until it does and the "
                            + "trunk is saved again",
                    host);
            return Set.of();
        }
    }

    private static TrunkRow row(
            String id, TrunkRules.Checked c, String secretEnc, String contactUser, Instant created, Instant updated) {
        return new TrunkRow(
                id,
                c.host(),
                c.port(),
                c.transport(),
                c.username(),
                c.authUsername(),
                secretEnc,
                c.fromDomain(),
                c.register(),
                c.registerExpiry(),
                contactUser,
                String.join(",", c.inboundAddresses()),
                c.policy().name(),
                c.callerId(),
                c.assertIdentity(),
                c.maxChannels(),
                c.codecs().isEmpty() ? null : String.join(",", c.codecs()),
                c.dtmfMode().code(),
                c.template(),
                created,
                updated);
    }
}
