package org.tandem.appliance.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Plain HTTP only for this host and for phones' /prov/; everyone else goes to HTTPS (issue 22, finding 10). */
class HttpsRedirectFilterTest {

    private static MockHttpServletResponse request(int httpsPort, String from, String method, String uri, String query)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setRemoteAddr(from);
        request.setServerName("pbx.office.example");
        request.setServerPort(8080);
        request.setQueryString(query);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        new HttpsRedirectFilter(httpsPort).doFilter(request, response, chain);
        if (chain.getRequest() != null) response.setStatus(299); // marks "passed on to the application"
        return response;
    }

    @Test
    void aBrowserOnTheLanIsSentToHttpsWithItsPathAndMethodKept() throws Exception {
        MockHttpServletResponse r = request(8443, "192.168.1.20", "POST", "/api/v1/users", "page=2");
        assertThat(r.getStatus()).isEqualTo(308);
        assertThat(r.getHeader("Location")).isEqualTo("https://pbx.office.example:8443/api/v1/users?page=2");
        assertThat(request(443, "192.168.1.20", "GET", "/", null).getHeader("Location"))
                .isEqualTo("https://pbx.office.example/");
    }

    @Test
    void thisHostAndPhonesProvisioningStayOnHttp() throws Exception {
        assertThat(request(8443, "127.0.0.1", "GET", "/actuator/health", null).getStatus())
                .isEqualTo(299);
        assertThat(request(8443, "::1", "POST", "/api/v1/users", null).getStatus())
                .isEqualTo(299);
        assertThat(request(8443, "192.168.1.31", "GET", "/prov/001565aabbcc.cfg", null)
                        .getStatus())
                .isEqualTo(299);
    }

    @Test
    void withHttpsOffNothingIsRedirected() throws Exception {
        assertThat(request(0, "192.168.1.20", "GET", "/login", null).getStatus())
                .isEqualTo(299);
    }
}
