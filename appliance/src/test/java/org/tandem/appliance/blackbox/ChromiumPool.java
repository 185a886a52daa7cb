package org.tandem.appliance.blackbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Chromium sessions this test JVM (a failsafe fork, which runs many classes one after another) has started and no
 * test holds: starting Chromium and its driver costs seconds of CPU on two cores, and a reset one is as new to the
 * appliance (no cookie, no storage, a blank page). Profiles and driver logs are under
 * {@code target/blackbox/chromium/}. The sessions quit when the JVM exits.
 */
final class ChromiumPool {
    static final Path DIR = Path.of("target", "blackbox", "chromium").toAbsolutePath();
    /** The window every browser starts with, and is given back before it returns to the pool. */
    static final int WIDTH = 1280;

    static final int HEIGHT = 900;
    /**
     * Chromium's headless shell (Debian's {@code chromium-headless-shell}, the same Chromium build without the desktop
     * browser around it: the "old" headless mode). The pages' browsers run it: it drew the same pages with ~17 % less
     * CPU than {@link Browser#CHROMIUM} in {@code --headless} (NavigationPagesIT, two runs each: 56 and 60 s against 69
     * and 72 s; bench/RESULTS.md, session 63), and Chromium was the largest CPU share of the page tests. The web phone's
     * browser (fake microphone and camera, WebRTC) stays on the full one. Where the shell is not installed, or with
     * {@code -Dtandem.chromium.binary=/usr/bin/chromium}, the pages use the full one too. The program itself, not
     * {@code /usr/bin}'s script that starts it without exec: a session that chromedriver cannot open is ended by
     * killing the process it started, and with the script that left the shell running (two orphans in session 63).
     */
    static final Path HEADLESS_SHELL = Path.of("/usr/lib/chromium/chromium-headless-shell");

    /** Two: a test may drive an admin's and a user's browser at once. */
    private static final int MAX_IDLE = 2;

    private static final Deque<ChromeDriver> IDLE = new ArrayDeque<>();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            ChromeDriver driver;
                            while ((driver = take()) != null) {
                                quietly(driver);
                            }
                        },
                        "chromium-pool-quit"));
    }

    private ChromiumPool() {}

    /**
     * A new Chromium (the full browser when {@code fullChromium}, else the {@link #HEADLESS_SHELL}) and its driver, with
     * the flags that keep it quiet on a closed network, its profile and driver log in a new directory under
     * {@code dir}.
     */
    static ChromeDriver launch(Path dir, boolean fullChromium, List<String> extraArguments, Duration pageLoadTimeout) {
        Path binary = fullChromium ? Browser.CHROMIUM : pagesBinary();
        Path profile;
        try {
            Files.createDirectories(dir);
            profile = Files.createTempDirectory(dir, "chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary.toFile());
        // chromedriver opens the first page itself only when it knows the shell by this name: the shell, unlike the
        // full browser, starts with no page, and without it the session failed ("unable to discover open pages")
        if (binary.getFileName().toString().contains("headless-shell"))
            options.setCapability("browserName", "chrome-headless-shell");
        // the flags that keep Chromium quiet on a closed network (no background connections)
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=" + WIDTH + "," + HEIGHT,
                "--user-data-dir=" + profile,
                // pages play audio (prompts, voicemail) when a button is clicked; the play() comes back from the server
                "--autoplay-policy=no-user-gesture-required");
        options.addArguments(extraArguments);
        // more flags for a measurement (-Dtandem.chromium.flags="--a --b", docs/appliance/testing.md), none by default
        String experiment = System.getProperty("tandem.chromium.flags", "");
        if (!experiment.isBlank()) options.addArguments(experiment.strip().split("\\s+"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Browser.CHROMEDRIVER.toFile())
                .withLogFile(profile.resolveSibling(profile.getFileName() + "-chromedriver.log")
                        .toFile())
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(pageLoadTimeout);
        return driver;
    }

    /** The headless shell when it is installed, or the binary named by {@code -Dtandem.chromium.binary}. */
    private static Path pagesBinary() {
        String chosen = System.getProperty("tandem.chromium.binary", "");
        if (!chosen.isBlank()) return Path.of(chosen);
        return Files.isExecutable(HEADLESS_SHELL) ? HEADLESS_SHELL : Browser.CHROMIUM;
    }

    /** An idle session that still answers, or null. */
    static ChromeDriver take() {
        while (true) {
            ChromeDriver driver;
            synchronized (IDLE) {
                driver = IDLE.pollFirst();
            }
            if (driver == null) return null;
            try {
                driver.getWindowHandle();
                return driver;
            } catch (RuntimeException dead) {
                quietly(driver);
            }
        }
    }

    static boolean give(ChromeDriver driver) {
        synchronized (IDLE) {
            if (IDLE.size() >= MAX_IDLE) return false;
            IDLE.addFirst(driver);
            return true;
        }
    }

    /**
     * Leaves {@code driver} as a new one would be for the appliance at {@code origin}: every cookie and the origin's
     * storage gone, on a blank page ({@link Browser#reset()}).
     */
    static void clear(ChromeDriver driver, URI origin) {
        driver.executeCdpCommand(
                "Storage.clearDataForOrigin",
                Map.<String, Object>of(
                        "origin", origin.getScheme() + "://" + origin.getAuthority(), "storageTypes", "all"));
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.<String, Object>of());
        driver.get("about:blank");
    }

    /**
     * Takes back a plain browser a test is done with: its extra windows closed, {@link #clear cleared}, its window of
     * the usual size; quits it when the pool is full or it cannot be reset (a crashed or hung Chromium: the next test
     * starts a new one).
     */
    static void giveBack(ChromeDriver driver, URI origin) {
        try {
            List<String> windows = new ArrayList<>(driver.getWindowHandles());
            for (String extra : windows.subList(1, windows.size())) {
                driver.switchTo().window(extra).close();
            }
            driver.switchTo().window(windows.get(0));
            clear(driver, origin);
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
            if (give(driver)) return;
        } catch (RuntimeException broken) {
            // quit below
        }
        driver.quit();
    }

    private static void quietly(ChromeDriver driver) {
        try {
            driver.quit();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
