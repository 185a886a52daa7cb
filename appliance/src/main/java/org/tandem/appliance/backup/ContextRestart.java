package org.tandem.appliance.backup;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;
import org.tandem.appliance.TandemApplication;
import org.tandem.operations.backup.ApplianceRestart;

/**
 * Restarts the appliance inside its process after a restore: closes the Spring context (SIP stack,
 * HTTP, database pool, every feature's memory) and starts a new one with the same arguments, which
 * loads the restored database, key and certificates exactly as a power-on does. The same process and
 * ports, so it needs no supervisor (plain {@code java -jar} as much as systemd). If the new start
 * fails, the process exits non-zero and systemd ({@code Restart=on-failure}) starts it again.
 */
@Component
public class ContextRestart implements ApplianceRestart {

    private static final Logger log = LoggerFactory.getLogger(ContextRestart.class);
    private static final AtomicReference<ConfigurableApplicationContext> LATEST = new AtomicReference<>();

    private final ConfigurableApplicationContext context;
    private final ApplicationArguments arguments;

    ContextRestart(ConfigurableApplicationContext context, ApplicationArguments arguments) {
        this.context = context;
        this.arguments = arguments;
    }

    /** The context the last restart in this JVM started (tests close it), if any. */
    public static ConfigurableApplicationContext latest() {
        return LATEST.get();
    }

    @Override
    public void restart() {
        String[] args = arguments.getSourceArgs();
        // A thread of its own (tandem-restart-1), not of a pool: every pool belongs to the context being closed,
        // and this non-daemon thread keeps the JVM alive between the old context's end and the new one's start.
        CustomizableThreadFactory threads = new CustomizableThreadFactory("tandem-restart-");
        threads.setDaemon(false);
        Thread restart = threads.newThread(() -> {
            log.info("Restarting the appliance to load the restored backup");
            context.close();
            try {
                SpringApplication application = new SpringApplication(TandemApplication.class);
                // Spring finds the main class from the call stack, and this thread has no main(): without it, a
                // start on the context generated at build time (-Dspring.aot.enabled=true, the packaged start
                // script) cannot name that context's initializer and fails
                application.setMainApplicationClass(TandemApplication.class);
                LATEST.set(application.run(args));
            } catch (RuntimeException e) {
                log.error("The appliance did not start again after the restore; exiting so it is started afresh", e);
                System.exit(1);
            }
        });
        // the class loader of the application (in the jar: Boot's launcher), not of the HTTP thread that
        // asked (Tomcat's, which the close tears down)
        restart.setContextClassLoader(TandemApplication.class.getClassLoader());
        restart.start();
    }
}
