package org.tandem.pbx.security.internal;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.security.AccountLockout;
import org.tandem.pbx.security.AccountLockouts;
import org.tandem.pbx.security.BanRegistry;

/**
 * The console's way to unlock a login or lift a ban when no admin can log in (issue 22 finding 4): whoever may
 * write the data directory (root or the service user, i.e. someone at the appliance's console) writes login names
 * or addresses, one a line, into {@code <data-dir>/unlock}:
 * <pre>echo admin | sudo -u tandem tee /var/lib/tandem/unlock</pre>
 * Within {@link #POLL_SECONDS} seconds each name is unlocked from every source, each IP address (or IPv6 /64) is
 * unbanned, {@code *} unlocks every name, and the file is removed. Nothing is reachable over the network, so no
 * credential is needed: write access to the data directory already is the appliance's highest privilege.
 *
 * <p>The file is opened without following symbolic links, must be a regular file and at most 4 KB (the service
 * never reads through a link someone else planted). One named timer thread, off every SIP and web thread.
 */
@Component
public class ConsoleUnlock {

    static final int POLL_SECONDS = 2;
    static final String FILE_NAME = "unlock";
    private static final Logger log = LoggerFactory.getLogger(ConsoleUnlock.class);
    private static final int MAX_BYTES = 4096;

    private final Path file;
    private final AccountLockouts lockouts;
    private final BanRegistry bans;
    private final Workers workers;
    private ScheduledThreadPoolExecutor timer;

    @Autowired
    public ConsoleUnlock(TandemProperties tandem, AccountLockouts lockouts, BanRegistry bans, Workers workers) {
        this(tandem.dataDir().resolve(FILE_NAME), lockouts, bans, workers);
    }

    ConsoleUnlock(Path file, AccountLockouts lockouts, BanRegistry bans, Workers workers) {
        this.workers = workers;
        this.file = file;
        this.lockouts = lockouts;
        this.bans = bans;
    }

    @PostConstruct
    void start() {
        timer = workers.timer("console-unlock");
        timer.scheduleWithFixedDelay(this::poll, POLL_SECONDS, POLL_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) timer.shutdownNow();
    }

    /** Reads and removes the file if it is there; never throws (the timer must keep running). */
    void poll() {
        try {
            List<String> lines = read();
            if (lines == null) return;
            Files.deleteIfExists(file);
            for (String line : lines) apply(line.strip());
        } catch (IOException | RuntimeException e) {
            log.warn(
                    "{}: cannot act on it ({}); write one login name or IP address a line, then try again",
                    file,
                    e.getMessage());
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // reported above
            }
        }
    }

    private List<String> read() throws IOException {
        // almost every poll finds no file: a stat, not NoSuchFileException's stack trace (~0.3 ms every 2 s of an
        // idle appliance, issue 23); a link to nothing has nothing to read, a link to a file is refused below
        if (!file.toFile().exists()) return null;
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!attrs.isRegularFile()) throw new IOException("not a regular file (a link or a directory)");
        if (attrs.size() > MAX_BYTES) throw new IOException("larger than " + MAX_BYTES + " bytes");
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                InputStream in = Channels.newInputStream(ch)) {
            return new String(in.readNBytes(MAX_BYTES), StandardCharsets.UTF_8)
                    .lines()
                    .toList();
        }
    }

    private void apply(String line) {
        if (line.isEmpty() || line.startsWith("#")) return;
        if ("*".equals(line)) {
            List<String> names = lockouts.current().stream()
                    .map(AccountLockout::account)
                    .distinct()
                    .toList();
            names.forEach(lockouts::unlock);
            log.info("Console ({}): unlocked every login: {}", file, names);
            return;
        }
        if (isAddress(line)) {
            boolean lifted = bans.unban(line);
            log.info("Console ({}): {}", file, lifted ? "unbanned " + line : line + " was not banned");
            return;
        }
        boolean unlocked = lockouts.unlock(line);
        log.info(
                "Console ({}): {}",
                file,
                unlocked ? "unlocked login '" + line + "'" : "login '" + line + "' was not locked");
    }

    private static boolean isAddress(String line) {
        try {
            AddressMatcher.normalise(line);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
