package org.tandem.appliance.blackbox;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Chromium for a test class, {@link Browser#reset() reset} after each test to what a new one would be (a
 * Chromium start costs seconds on two cores). Register it after the class's {@link TandemExtension}; a reset that
 * fails closes the browser, and the next test starts a new one.
 */
final class BrowserPerClass implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    private final TandemExtension tandem;
    private Browser browser;

    BrowserPerClass(TandemExtension tandem) {
        this.tandem = tandem;
    }

    /** The class's browser, started before each test. */
    Browser get() {
        return browser;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (browser == null) browser = new Browser(tandem.process());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (browser == null) return;
        try {
            browser.reset();
        } catch (RuntimeException e) {
            afterAll(context);
            throw e;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (browser != null) browser.close();
        browser = null;
    }
}
