package org.tandem.operations.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Whether this appliance runs as the ISO's live session ("Try live"), which looks like an installed appliance but
 * forgets everything at power-off (issue 21, item 5). The same test as the console's notice
 * ({@code tandem-live-notice.service}): the kernel was booted with {@code boot=live} and not to install. Read once: the
 * command line does not change while the system runs.
 */
@Component
public class LiveSession {

    private final boolean live;

    @Autowired
    public LiveSession(LiveSessionProperties properties) {
        this(properties.cmdlineFile());
    }

    /** @param cmdline the kernel's command line */
    public LiveSession(Path cmdline) {
        this.live = live(read(cmdline));
    }

    public boolean live() {
        return live;
    }

    static boolean live(String cmdline) {
        List<String> words = Arrays.asList(cmdline.trim().split("\\s+"));
        return words.contains("boot=live")
                && words.stream().noneMatch(w -> w.equals("tandem.install") || w.startsWith("tandem.install="));
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
