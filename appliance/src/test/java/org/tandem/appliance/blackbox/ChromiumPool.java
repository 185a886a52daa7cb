package org.tandem.appliance.blackbox;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Chromium sessions this test JVM (a failsafe fork, which runs many classes one after another) has started and no
 * test holds: starting Chromium and its driver costs seconds of CPU on two cores, and a reset one is as new to the
 * appliance (no cookie, no storage, a blank page). Profiles and driver logs are under
 * {@code target/blackbox/chromium/}. The sessions quit when the JVM exits.
 */
final class ChromiumPool {
    static final Path DIR = Path.of("target", "blackbox", "chromium").toAbsolutePath();
    /** Two: a test may drive an admin's and a user's browser at once. */
    private static final int MAX_IDLE = 2;
    private static final Deque<ChromeDriver> IDLE = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ChromeDriver driver;
            while ((driver = take()) != null) {
                quietly(driver);
            }
        }, "chromium-pool-quit"));
    }

    private ChromiumPool() {
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

    private static void quietly(ChromeDriver driver) {
        try {
            driver.quit();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
