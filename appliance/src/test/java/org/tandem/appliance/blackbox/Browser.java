package org.tandem.appliance.blackbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}) driving the web UI of a
 * running appliance. No browser download: the binaries must be installed (scripts/test.sh does it).
 * Vaadin's components keep their inputs in the light DOM, so CSS selectors reach them.
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * How long a page may take to show what a test waits for: 30 s, as a person waits on a slow machine. A page test
     * beside pbx-core's ITs (scripts/test.sh's two modules at a time) saw the server answer a typed filter in seconds.
     */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final URI base;
    /** Plain (no fake devices): goes back to the {@link ChromiumPool} when closed instead of quitting. */
    private final boolean pooled;

    private final BrowserLists lists;

    public Browser(TandemProcess tandem) {
        this(URI.create("http://" + TandemProcess.HOST + ":" + tandem.httpPort()), tandem.workDir());
    }

    /**
     * A browser for the appliance at {@code base} (http://host:port), taken from this JVM's {@link ChromiumPool} of plain
     * browsers when one is idle ({@code workDir} is where a browser with fake devices keeps its profile and log).
     */
    public Browser(URI base, Path workDir) {
        this(base, workDir, List.of(), false);
    }

    /**
     * A browser with a microphone that plays {@code wav} in a loop and a camera that is fake, granted to every page
     * without asking (Chromium's fake media devices), and WebRTC allowed on loopback: a softphone in the page can
     * call through the appliance on this machine.
     */
    public static Browser withFakeMicrophone(TandemProcess tandem, Path wav) {
        return new Browser(
                URI.create("http://" + TandemProcess.HOST + ":" + tandem.httpPort()),
                tandem.workDir(),
                List.of(
                        "--use-fake-ui-for-media-stream",
                        "--use-fake-device-for-media-stream",
                        "--use-file-for-fake-audio-capture=" + wav,
                        "--allow-loopback-in-peer-connection"),
                true);
    }

    /** A browser whose Accept-Language is {@code languages} (e.g. "fr" or "de-CH,de"), as a person's set up so. */
    public static Browser speaking(TandemProcess tandem, String languages) {
        return new Browser(
                URI.create("http://" + TandemProcess.HOST + ":" + tandem.httpPort()),
                tandem.workDir(),
                List.of("--lang=" + languages.split(",")[0], "--accept-lang=" + languages),
                false);
    }

    /** @param fullChromium the full browser rather than the pages' headless shell ({@link ChromiumPool#launch}) */
    private Browser(URI base, Path workDir, List<String> extraArguments, boolean fullChromium) {
        this.base = base;
        this.pooled = extraArguments.isEmpty();
        ChromeDriver idle = pooled ? ChromiumPool.take() : null;
        driver = idle != null
                ? idle
                : ChromiumPool.launch(pooled ? ChromiumPool.DIR : workDir, fullChromium, extraArguments, WAIT);
        lists = new BrowserLists(this, driver);
    }

    /** Runs {@code fetch(url)} in the page (with its session) and returns the response body as text. */
    public String fetchText(String url) {
        return (String) ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0]).then(r => r.text()).then(done, e => done('fetch failed: ' + e));",
                        url);
    }

    /**
     * Runs {@code fetch(url)} in the page (with its session): "status sha256-hex byteLength" of the response, to
     * compare binary bodies (audio) without moving them through WebDriver.
     */
    public String fetchDigest(String url) {
        return (String) ((JavascriptExecutor) driver)
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0]).then(async r => { const b = await r.arrayBuffer();"
                                + " const h = await crypto.subtle.digest('SHA-256', b);"
                                + " done(r.status + ' ' + Array.from(new Uint8Array(h)).map(x => x.toString(16).padStart(2, '0')).join('')"
                                + " + ' ' + b.byteLength); }, e => done('fetch failed: ' + e));",
                        url);
    }

    /** Runs {@code js} as an async script (it calls {@code arguments[arguments.length - 1]} with its result). */
    public Object asyncScript(String js) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js);
    }

    /** {@link #asyncScript(String)} with {@code arguments[0..]} given; the callback is the last argument. */
    public Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
    }

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    public void open(String path) {
        driver.get(base.resolve(path).toString());
    }

    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    /** Fills the login form and submits it. */
    public void logIn(String name, String password) {
        open("/login");
        submitLogin(name, password);
    }

    /**
     * Signs in and opens {@code path}, drawing neither the dashboard (twice another page's CPU) nor the login page: the
     * form's requests are sent from the browser ({@link LoginRequests}). When that does not sign in (once in ~400, the
     * CSRF check's {@code /login?error}, no failed login logged), the page sends the browser to the form, typed into.
     */
    public void logInTo(String path, String name, String password) {
        String landing = LoginRequests.post(driver, base, name, password);
        open(path);
        if (landing == null || landing.contains("/login?error")) {
            awaitPath("/login");
            submitLogin(name, password);
        }
        awaitPath(path);
    }

    private void submitLogin(String name, String password) {
        type(By.cssSelector("vaadin-login-form vaadin-text-field input"), name);
        type(By.cssSelector("vaadin-login-form vaadin-password-field input"), password);
        element(By.cssSelector("vaadin-login-form vaadin-button[slot='submit'], vaadin-login-form vaadin-button"))
                .click();
    }

    /** Waits until the page path is {@code path} (navigation or redirect done). */
    public void awaitPath(String path) {
        until(() -> path.equals(path()), "page " + path + " (at " + driver.getCurrentUrl() + ")");
    }

    public WebElement element(By by) {
        until(() -> !driver.findElements(by).isEmpty(), "element " + by);
        return driver.findElement(by);
    }

    public WebElement byId(String id) {
        return element(By.id(id));
    }

    /** Types into the input of the Vaadin field with this id (replacing what was there). */
    public void fill(String fieldId, String text) {
        type(By.cssSelector("#" + fieldId + " input, #" + fieldId + " textarea"), text);
    }

    private void type(By by, String text) {
        WebElement input = element(by);
        // a field in a dialog that scrolls: WebDriver's own scrolling (to the scroller's bottom edge) may leave it
        // where it cannot be typed into; centred, as a person scrolls to it
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", input);
        if ("combobox".equals(input.getDomAttribute("role"))) {
            BrowserLists.typeOver(input, text);
            return;
        }
        input.clear();
        input.sendKeys(text);
    }

    /** Ticks (or unticks) the Vaadin checkbox with this id, as a click on its box. */
    public void toggle(String checkboxId) {
        WebElement box = element(By.cssSelector("#" + checkboxId + " input"));
        // below the window (a long page, a notice fixed at its foot): scroll to it as a person would, as click does
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", box);
        box.click();
    }

    public void click(String id) {
        // A view that re-renders after a save (e.g. the phone page after its assignment is stored) replaces the
        // button between finding it and clicking it; nothing was clicked then, so find the new one and click that,
        // as a person clicks the button they now see. Bounded: a button that keeps vanishing fails the test.
        for (int attempt = 1; ; attempt++) {
            WebElement target = byId(id);
            try {
                // a page taller than the window: bring the button into view as a person would scroll to it
                ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
                target.click();
                return;
            } catch (StaleElementReferenceException | ElementClickInterceptedException moved) {
                // also: the page was still moving (a section above just opened) and another element was where the
                // button had been; nothing was clicked, so look for it again
                if (attempt == 5) {
                    throw moved;
                }
            }
        }
    }

    /** All text of the element, light DOM included (a grid's cells live there). */
    public String text(String id) {
        return (String) ((JavascriptExecutor) driver).executeScript("return arguments[0].textContent", byId(id));
    }

    public void awaitText(String id, String expected) {
        until(() -> text(id).contains(expected), "'" + expected + "' in #" + id + " (has: " + safeText(id) + ")");
    }

    /** The error message Vaadin shows under the field with this id, once it is marked invalid. */
    public String fieldError(String fieldId) {
        // the DOM attribute: getAttribute would answer the (false) property at once, before the server's answer
        // and its message: the server sets the mark and the text in one round trip, but the browser may
        // render them apart, so both are awaited (every field error in the UI has a message)
        String[] message = {null};
        until(
                () -> {
                    if (byId(fieldId).getDomAttribute("invalid") == null) return false;
                    message[0] = (String) ((JavascriptExecutor) driver)
                            .executeScript("return arguments[0].errorMessage", byId(fieldId));
                    return message[0] != null && !message[0].isBlank();
                },
                "#" + fieldId + " marked invalid with a message");
        return message[0];
    }

    /** Whether the Vaadin field with this id is marked invalid now (no waiting: after what changed it was seen). */
    public boolean invalid(String fieldId) {
        return byId(fieldId).getDomAttribute("invalid") != null;
    }

    /** The value of the Vaadin field with this id, as it shows it. */
    public String value(String fieldId) {
        return String.valueOf(((JavascriptExecutor) driver).executeScript("return arguments[0].value", byId(fieldId)));
    }

    /** Picks an entry of the Vaadin select with this id, as a person does: open it, click the entry. */
    public void choose(String selectId, String label) {
        lists.choose(selectId, label);
    }

    /** Types {@code typed} into the Vaadin combo box with this id and clicks the entry {@code label} it then offers. */
    public void pick(String comboId, String typed, String label) {
        lists.pick(comboId, typed, label);
    }

    /** Adds the entry {@code label} to the Vaadin multi-select combo box with this id, typed as {@code typed}. */
    public void pickAlso(String comboId, String typed, String label) {
        lists.pickAlso(comboId, typed, label);
    }

    /** The labels of what the Vaadin multi-select combo box with this id has chosen (its chips). */
    public List<String> chosen(String comboId) {
        return lists.chosen(comboId);
    }

    /** Clears what the Vaadin multi-select combo box with this id has chosen, with its clear button. */
    public void clearChosen(String comboId) {
        lists.clearChosen(comboId);
    }

    /** What the Vaadin combo box with this id offers once {@code typed} is typed into it, possibly nothing. */
    public List<String> offeredFor(String comboId, String typed) {
        return lists.offeredFor(comboId, typed);
    }

    /** What the Vaadin combo box with this id lists when opened (its entries' text), closed again after. */
    public List<String> offered(String comboId) {
        return lists.offered(comboId);
    }

    /** Types into the field with this id in place of what it held and presses Enter (a multi-select's typed value). */
    public void enter(String fieldId, String text) {
        lists.enter(fieldId, text);
    }

    /**
     * {@code text} as an XPath string literal: quoted with ' or ", or put together with concat() when it has both
     * (a label such as "A user's calls" in '...' would end the literal at its apostrophe).
     */
    static String literal(String text) {
        if (!text.contains("'")) return "'" + text + "'";
        if (!text.contains("\"")) return "\"" + text + "\"";
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    /**
     * Clicks the grid cell showing exactly {@code text} (opens that row's editor), scrolled to the middle of the window
     * first: in a long grid (the shared appliance's many users) a row near the window's edge is covered, and a person
     * would scroll to it too.
     */
    public void clickCell(String gridId, String text) {
        awaitText(gridId, text);
        WebElement cell = element(By.xpath(
                "//*[@id='" + gridId + "']//vaadin-grid-cell-content[normalize-space(.)=" + literal(text) + "]"));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", cell);
        cell.click();
    }

    /** Sets the window's size, e.g. a 1366x768 laptop's ({@link #close()} gives a pooled browser back at the usual). */
    public void windowSize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    public boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Runs {@code js} in the page (a function body: {@code return ...}) and returns its value. */
    public Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
    }

    /** The page's current DOM as HTML (attributes and hidden text included). */
    public String pageSource() {
        return driver.getPageSource();
    }

    public String pageText() {
        return (String) ((JavascriptExecutor) driver).executeScript("return document.body.textContent");
    }

    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void until(BooleanSupplier condition, String what) {
        new WebDriverWait(driver, WAIT)
                .withMessage(() -> "waiting for " + what)
                .ignoring(StaleElementReferenceException.class)
                .until(d -> condition.getAsBoolean());
    }

    private String safeText(String id) {
        try {
            return text(id);
        } catch (RuntimeException e) {
            return "?";
        }
    }

    /**
     * Leaves this browser as a new one would be for the next test of the same class: every cookie (so no session,
     * the appliance sees a stranger) and the origin's storage gone, on a blank page. Starting Chromium and its driver
     * anew for each test costs seconds of CPU and checks nothing more.
     */
    public void reset() {
        ChromiumPool.clear(driver, base);
    }

    /**
     * Quits this Chromium instead of giving it back to the pool: for a test that leaves in it what {@link #reset()}
     * cannot clear, such as the HTTP Basic credentials Chromium caches for an origin (CsrfBrowserIT), which the next
     * class's browser would otherwise send to the shared appliance.
     */
    public void quit() {
        driver.quit();
    }

    /**
     * A plain browser goes back to this test JVM's {@link ChromiumPool}, {@link #reset()} and with one window of the usual
     * size, for the next test (of any class) to take; a browser with fake devices, or one that cannot be reset, quits.
     */
    @Override
    public void close() {
        if (pooled) ChromiumPool.giveBack(driver, base);
        else driver.quit();
    }
}
