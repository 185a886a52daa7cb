package org.tandem.appliance.blackbox;

import java.net.URI;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The web UI's login form's requests, sent by {@code fetch} from a page of the appliance's origin (the JSON of
 * {@code /actuator/health}, which needs no login and runs no script): GET {@code /login} for a session and its CSRF
 * token (the page's {@code _csrf} meta tag, which the form sends), then the form's POST, whose redirects the fetch
 * follows. The browser keeps the session cookie as after a submitted form, and sends its own headers (language,
 * agent). Drawing the login page to type into it cost Chromium ~0.5 s of CPU per sign-in (the UI's bundle run for two
 * fields); {@link Browser#logInTo} signs in so (issue 14, the suite's time), {@link Browser#logIn} types into the form.
 */
final class LoginRequests {

    private static final String SCRIPT = "const [name, password, done] = arguments;"
            + "fetch('/login', {credentials: 'same-origin'})"
            + ".then(r => r.ok ? r.text() : '')"
            + ".then(html => {"
            + "  const token = html.match(/<meta name=\"_csrf\" content=\"([^\"]+)\"/);"
            + "  if (!token) { done(null); return; }"
            + "  const form = new URLSearchParams({username: name, password: password, _csrf: token[1]});"
            + "  return fetch('/login', {method: 'POST', body: form, credentials: 'same-origin'})"
            + "      .then(r => done(r.url));"
            + "}).catch(e => done('fetch failed: ' + e));";

    private LoginRequests() {}

    /** @return the URL the login sends the browser to, or null when {@code /login} offered no form (e.g. refused) */
    static String post(ChromeDriver driver, URI base, String name, String password) {
        driver.get(base.resolve("/actuator/health").toString());
        Object landing = driver.executeAsyncScript(SCRIPT, name, password);
        if (landing instanceof String url && url.startsWith("fetch failed")) throw new IllegalStateException(url);
        return (String) landing;
    }
}
