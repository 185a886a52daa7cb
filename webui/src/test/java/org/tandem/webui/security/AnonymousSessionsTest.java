package org.tandem.webui.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpSessionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/** The bound on sessions nobody logged in to: per source, in all, never a logged-in or the newest one. */
class AnonymousSessionsTest {

    private final AnonymousSessions sessions = new AnonymousSessions(3, 10);

    private MockHttpSession open(AnonymousSessions bound, String address) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/wp-login.php");
        request.setRemoteAddr(address);
        bound.doFilter(request, new MockHttpServletResponse(), new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest r, jakarta.servlet.ServletResponse s) {
                ((MockHttpServletRequest) r).getSession(true); // as the request cache or the login page does
            }
        });
        return (MockHttpSession) request.getSession(false);
    }

    private static void logIn(MockHttpSession session) {
        session.setAttribute(
                HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
                        "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN")))));
    }

    @Test
    void aSourceKeepsItsNewestAnonymousSessionsAndTheOldestEnd() throws Exception {
        List<MockHttpSession> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) opened.add(open(sessions, "192.0.2.7"));
        assertThat(opened.subList(0, 2)).allMatch(MockHttpSession::isInvalid);
        assertThat(opened.subList(2, 5)).noneMatch(MockHttpSession::isInvalid);
        assertThat(sessions.countOf("192.0.2.7")).isEqualTo(3);

        MockHttpSession other = open(sessions, "192.0.2.8"); // another source is not touched
        assertThat(other.isInvalid()).isFalse();
        assertThat(opened.subList(2, 5)).noneMatch(MockHttpSession::isInvalid);
    }

    @Test
    void aLoggedInSessionIsNeverEndedAndStopsCounting() throws Exception {
        MockHttpSession admin = open(sessions, "192.0.2.7");
        logIn(admin);
        List<MockHttpSession> later = new ArrayList<>();
        for (int i = 0; i < 4; i++) later.add(open(sessions, "192.0.2.7"));
        assertThat(admin.isInvalid()).isFalse();
        assertThat(later.get(0).isInvalid()).isTrue(); // the oldest anonymous one
        assertThat(later.subList(1, 4)).noneMatch(MockHttpSession::isInvalid);
        assertThat(sessions.countOf("192.0.2.7")).isEqualTo(3);
    }

    @Test
    void allSourcesTogetherKeepAtMostTheBoundInAll() throws Exception {
        List<MockHttpSession> opened = new ArrayList<>();
        for (int i = 0; i < 15; i++) opened.add(open(sessions, "198.51.100." + i));
        assertThat(opened.subList(0, 5)).allMatch(MockHttpSession::isInvalid);
        assertThat(opened.subList(5, 15)).noneMatch(MockHttpSession::isInvalid);
        assertThat(sessions.count()).isEqualTo(10);
    }

    @Test
    void anEndedSessionLeavesTheBooks() throws Exception {
        MockHttpSession s = open(sessions, "192.0.2.7");
        sessions.sessionDestroyed(new HttpSessionEvent(s));
        assertThat(sessions.countOf("192.0.2.7")).isZero();
        assertThat(sessions.count()).isZero();
    }

    @Test
    void aRequestThatOpensNoSessionIsNotCounted() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/favicon.ico");
        request.setRemoteAddr("192.0.2.7");
        sessions.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(sessions.count()).isZero();
    }

    @Test
    void anIpv6HostCountsAsItsSlash64() throws Exception {
        List<MockHttpSession> opened = new ArrayList<>();
        IntStream.range(0, 5).forEach(i -> {
            try {
                opened.add(open(sessions, "2001:db8:1:2::" + Integer.toHexString(i + 1)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(opened.subList(0, 2)).allMatch(MockHttpSession::isInvalid);
        assertThat(AnonymousSessions.source("2001:db8:1:2::5")).isEqualTo("2001:db8:1:2::/64");
        assertThat(AnonymousSessions.source("2001:db8:1:3::5"))
                .isNotEqualTo(AnonymousSessions.source("2001:db8:1:2::5"));
        assertThat(AnonymousSessions.source("192.0.2.7")).isEqualTo("192.0.2.7");
    }
}
