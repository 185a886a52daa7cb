package org.tandem.appliance.blackbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A headless Chromium per test for the admin pages' tests, registered after the {@link TandemExtension} it drives:
 * skips the class when Debian's chromium and chromium-driver are missing (outside CI), closes the browser after each
 * test. {@link #signedIn()} opens one with the admin signed in on the dashboard, {@link #signedIn(String)} on another page.
 */
final class AdminBrowser implements BeforeAllCallback, AfterEachCallback {

    private final TandemExtension tandem;
    private Browser browser;

    AdminBrowser(TandemExtension tandem) {
        this.tandem = tandem;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        assumeTrue(
                Browser.installed() || System.getenv("CI") != null,
                "Debian chromium and chromium-driver are not installed: run scripts/test.sh, which installs them");
    }

    /**
     * A new browser, signed in as the admin, on the dashboard: as {@link #signedIn(String)}, whose sign-in gets past
     * the login form's rare {@code /login?error} without a failed login (CI, DashboardTrunksPageIT, through the typed
     * form alone: session 65). The form's own behaviour is what the login tests drive.
     */
    Browser signedIn() {
        return signedIn("/");
    }

    /** A new browser, signed in as the admin on the way to {@code path}, without drawing the dashboard first. */
    Browser signedIn(String path) {
        close();
        browser = new Browser(tandem.process());
        browser.logInTo(path, TandemProcess.ADMIN_USER, tandem.process().adminPassword());
        return browser;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    private void close() {
        if (browser != null) browser.close();
        browser = null;
    }
}
