package org.tandem.pbx.config;

import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.core.env.Environment;

/**
 * The web server's plain HTTP port, {@code server.port}: a setting of Spring Boot's own, not a {@code tandem.*} one,
 * so it has no properties record of ours. The appliance's application.yml sets it; where nothing does (a module's
 * tests, tools), the web server takes Spring Boot's default, and so does this class: read from Spring Boot, not
 * copied (issue 14: every default written once). Everything that names the HTTP port (the startup checks, the
 * banner, SIP over WebSocket's Via, xcap-diff's XCAP root, the firewall list) asks here instead of writing a default
 * of its own.
 */
public final class WebServerPort {

    /** The port Spring Boot's web server factories start with when {@code server.port} is not set. */
    private static final int SPRING_BOOT_DEFAULT = new AbstractConfigurableWebServerFactory() {}.getPort();

    private WebServerPort() {}

    /**
     * The port the web server is told: {@code server.port}, else Spring Boot's default. 0 lets it pick a free one at
     * start, -1 runs no web server.
     */
    public static int configured(Environment env) {
        return env.getProperty("server.port", Integer.class, SPRING_BOOT_DEFAULT);
    }

    /** The port the web server took once it listens ({@code local.server.port}), before that {@link #configured}. */
    public static int listening(Environment env) {
        Integer taken = env.getProperty("local.server.port", Integer.class);
        return taken != null ? taken : configured(env);
    }
}
