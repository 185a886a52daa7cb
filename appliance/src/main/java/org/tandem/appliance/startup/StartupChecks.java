package org.tandem.appliance.startup;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.tandem.appliance.admin.AdminAccounts;
import org.tandem.appliance.admin.AdminProperties;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.config.WebServerPort;
import org.tandem.pbx.sip.SipProperties;

/**
 * Fails fast, before the database is migrated or a certificate is made, when the appliance cannot work
 * here: the data directory is not writable, or a port it must listen on is taken. Runs as a bean factory
 * post-processor, the earliest point where every property source (command line, files, tests' dynamic
 * properties) is in place. The real binds later can still lose a race; those failures are reported the
 * same way by {@link StartupFailureAnalyzer}. The settings are bound here as the features will bind them, to their
 * properties records, so their defaults are the records' own (issue 14: no second copy here).
 */
@Component
class StartupChecks implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private Environment env;

    @Override
    public void setEnvironment(Environment environment) {
        this.env = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // The build's ahead-of-time processing (spring-boot:process-aot) refreshes the context's definitions on the
        // build machine: nothing there is the appliance's data directory or ports, and a build must not fail
        // because something on that machine listens on 5060.
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) return;
        if (env instanceof ConfigurableEnvironment configurable) UnknownSettings.warn(configurable);
        Binder binder = Binder.get(env);
        checkDataDir(binder.bindOrCreate("tandem", TandemProperties.class).dataDir());
        checkInitialPassword(
                binder.bindOrCreate("tandem.admin", AdminProperties.class).initialPassword());
        SipProperties sip = binder.bindOrCreate("tandem.sip", SipProperties.class);
        String sipAddress = sip.bindAddress();
        int sipPort = sip.port();
        int tlsPort = sip.tlsPort();
        String sipAction = "Stop the program using it (another PBX or softphone?) or start Tandem with "
                + "--tandem.sip.port=<free port>";
        checkUdp(sipAddress, sipPort, "SIP", sipAction, "--tandem.sip.bind-address");
        checkTcp(sipAddress, sipPort, "SIP", sipAction, "--tandem.sip.bind-address");
        if (tlsPort > 0) {
            checkTcp(
                    sipAddress,
                    tlsPort,
                    "SIP-TLS",
                    "Stop the program using it or start Tandem with "
                            + "--tandem.sip.tls-port=<free port> (0 turns TLS off)",
                    "--tandem.sip.bind-address");
        }
        int httpPort = WebServerPort.configured(env);
        if (httpPort > 0) {
            checkTcp(
                    property("server.address", "0.0.0.0"),
                    httpPort,
                    "HTTP",
                    "Stop the program using it or start Tandem with --server.port=<free port>",
                    "--server.address");
        }
    }

    /** Blank counts as unset, as in the feature property records. */
    private String property(String name, String fallback) {
        String v = env.getProperty(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }

    /** The admin account is made once all has started; a password it would refuse must stop the start now. */
    static void checkInitialPassword(String password) {
        AdminAccounts.passwordProblem(password).filter(p -> !password.isEmpty()).ifPresent(problem -> {
            throw new StartupCheckException(
                    "tandem.admin.initial-password " + problem + ".",
                    "Choose another, or leave it out to have a one-time password generated and printed",
                    null);
        });
    }

    static void checkDataDir(Path dir) {
        String action = "Make it writable for user '" + System.getProperty("user.name")
                + "' (chown/chmod), or start Tandem with --tandem.data-dir=<writable directory>";
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new StartupCheckException(
                    "The data directory " + dir + " is not writable (" + describe(e) + ").", action, e);
        }
    }

    private static void checkUdp(String address, int port, String what, String action, String addressFlag) {
        try (DatagramSocket s = new DatagramSocket(null)) {
            s.bind(new InetSocketAddress(resolve(address, addressFlag), port));
        } catch (SocketException e) {
            throw portProblem(what, port, "udp", address, e, action, addressFlag);
        }
    }

    private static void checkTcp(String address, int port, String what, String action, String addressFlag) {
        try (ServerSocket s = new ServerSocket()) {
            // as the real listeners do: a port whose old connections linger in TIME_WAIT is free to use
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(resolve(address, addressFlag), port));
        } catch (IOException e) {
            throw portProblem(what, port, "tcp", address, e, action, addressFlag);
        }
    }

    private static InetAddress resolve(String address, String addressFlag) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new StartupCheckException(
                    "The listen address '" + address + "' is not a known host name or IP " + "address.",
                    "Fix " + addressFlag + " (use an address of this host, or 0.0.0.0 for all)",
                    e);
        }
    }

    private static StartupCheckException portProblem(
            String what, int port, String protocol, String address, IOException e, String action, String addressFlag) {
        String reason = String.valueOf(e.getMessage());
        if (reason.contains("Permission denied") || reason.contains("Access denied")) {
            return new StartupCheckException(
                    what + " port " + port + "/" + protocol + " on " + address
                            + " needs privileges (ports below 1024 need root or CAP_NET_BIND_SERVICE).",
                    "Grant the capability (the .deb's systemd unit does) or use a port above 1023",
                    e);
        }
        if (reason.contains("assign requested address")) {
            return new StartupCheckException(
                    address + " is not an address of this host, so " + what + " cannot listen on it.",
                    "Fix " + addressFlag + " (an address of this host, or 0.0.0.0)",
                    e);
        }
        String problem = e instanceof BindException
                ? what + " port " + port + "/" + protocol + " on " + address + " is already in use by another program."
                : what + " cannot listen on " + address + ":" + port + "/" + protocol + " (" + reason + ").";
        return new StartupCheckException(problem, action, e);
    }

    private static String describe(Exception e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileAlreadyExistsException f) return f.getFile() + " is a file, not a directory";
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason() + ": " + f.getFile();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
