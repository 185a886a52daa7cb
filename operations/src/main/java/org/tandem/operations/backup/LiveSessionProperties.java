package org.tandem.operations.backup;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.tandem.settings.PropertyDefaults;

/**
 * Where {@link LiveSession} reads the kernel's command line ({@code tandem.live-session.*}).
 *
 * @param cmdlineFile the kernel's command line; another file only for tests
 */
@ConfigurationProperties("tandem.live-session")
public record LiveSessionProperties(
        @DefaultValue("/proc/cmdline") Path cmdlineFile) {

    public LiveSessionProperties {
        if (cmdlineFile == null) cmdlineFile = PropertyDefaults.of(LiveSessionProperties.class, "cmdlineFile");
    }
}
