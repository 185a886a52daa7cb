package org.tandem.webui.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * A bound on the browser sessions nobody has logged in to. Every anonymous request that opens the login page, or is
 * sent to it (any unknown path: the saved request), gets an HTTP session, kept for the session timeout (30 min): one
 * client looping over {@code GET /wp-login.php} held 20,000 sessions after 30 s (~2 KB each), and would have filled
 * the heap within the half hour, stopping the PBX (session 66). So each source address (IPv6: its /64, what one host
 * may pick from) keeps at most {@link #PER_SOURCE} sessions that are not logged in, and all sources together at most
 * {@link #IN_ALL}; a new one beyond either ends the oldest such session (of that source first). A logged-in session
 * is never ended here, and the newest session, the one a browser is using, is not either: a real browser opens one
 * or two (a login page, a page it was sent from), a flood only throws its own away. One lock; it is taken when a
 * session opens or ends, not per request.
 */
final class AnonymousSessions implements Filter, HttpSessionListener {

    static final int PER_SOURCE = 20;
    static final int IN_ALL = 2_000;

    private static final Logger log = LoggerFactory.getLogger(AnonymousSessions.class);

    private final int perSource;
    private final int inAll;
    /** Session id to source, oldest first. */
    private final LinkedHashMap<String, Tracked> all = new LinkedHashMap<>();

    private final Map<String, Set<String>> bySource = new HashMap<>();
    private long ended;

    private record Tracked(String source, HttpSession session) {}

    AnonymousSessions() {
        this(PER_SOURCE, IN_ALL);
    }

    AnonymousSessions(int perSource, int inAll) {
        this.perSource = perSource;
        this.inAll = inAll;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, response);
        if (!(request instanceof HttpServletRequest http)) return;
        HttpSession session = http.getSession(false);
        if (session == null) return;
        try {
            if (!session.isNew() || loggedIn(session)) return;
        } catch (IllegalStateException invalidated) {
            return;
        }
        opened(source(http.getRemoteAddr()), session);
    }

    /** A session this request opened and nobody logged in to; ends what it pushes over a bound. */
    void opened(String source, HttpSession session) {
        List<HttpSession> victims = new ArrayList<>();
        synchronized (this) {
            if (all.containsKey(session.getId())) return;
            all.put(session.getId(), new Tracked(source, session));
            Set<String> ofSource = bySource.computeIfAbsent(source, s -> new LinkedHashSet<>());
            ofSource.add(session.getId());
            pick(ofSource, ofSource.size() - perSource, session, victims);
            pick(all.keySet(), all.size() - inAll, session, victims);
            ended += victims.size();
        }
        for (HttpSession victim : victims) end(victim);
        if (!victims.isEmpty() && (ended & (ended - 1)) == 0) {
            log.warn(
                    "Many browser sessions without a login ({} from {} now): ended {} of the oldest so far "
                            + "(each source keeps {}, all together {})",
                    countOf(source),
                    source,
                    ended,
                    perSource,
                    inAll);
        }
    }

    /**
     * Takes up to {@code excess} of the oldest tracked sessions in {@code oldestFirst} (never {@code newest}) off the
     * books: logged-in ones simply leave them, the others are to be ended.
     */
    private void pick(Iterable<String> oldestFirst, int excess, HttpSession newest, List<HttpSession> victims) {
        List<String> picked = new ArrayList<>();
        for (String id : oldestFirst) {
            if (picked.size() >= excess) break;
            if (!id.equals(newest.getId())) picked.add(id);
        }
        for (String id : picked) {
            Tracked t = all.get(id);
            forget(id, t);
            if (t != null && !loggedInQuietly(t.session())) victims.add(t.session());
        }
    }

    private void forget(String id, Tracked t) {
        all.remove(id);
        if (t == null) return;
        Set<String> ofSource = bySource.get(t.source());
        if (ofSource == null) return;
        ofSource.remove(id);
        if (ofSource.isEmpty()) bySource.remove(t.source());
    }

    synchronized int countOf(String source) {
        Set<String> ofSource = bySource.get(source);
        return ofSource == null ? 0 : ofSource.size();
    }

    synchronized int count() {
        return all.size();
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        String id = event.getSession().getId();
        synchronized (this) {
            forget(id, all.get(id));
        }
    }

    private static void end(HttpSession session) {
        try {
            session.invalidate();
        } catch (IllegalStateException alreadyEnded) {
            // ended meanwhile (timeout, logout)
        }
    }

    private static boolean loggedInQuietly(HttpSession session) {
        try {
            return loggedIn(session);
        } catch (IllegalStateException invalidated) {
            return true; // gone already: nothing to end
        }
    }

    static boolean loggedIn(HttpSession session) {
        Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        if (!(context instanceof SecurityContext c)) return false;
        Authentication who = c.getAuthentication();
        return who != null && who.isAuthenticated() && !(who instanceof AnonymousAuthenticationToken);
    }

    /** The address itself; for IPv6 its /64, the block one host may take addresses from. */
    static String source(String address) {
        if (address == null || address.indexOf(':') < 0) return String.valueOf(address);
        try {
            byte[] a = InetAddress.getByName(address).getAddress();
            if (a.length != 16) return address;
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2)
                prefix.append(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff)))
                        .append(':');
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
