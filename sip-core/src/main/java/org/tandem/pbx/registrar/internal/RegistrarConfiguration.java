package org.tandem.pbx.registrar.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.config.SipDomain;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.events.Listeners;
import org.tandem.pbx.registrar.Binding;
import org.tandem.pbx.registrar.Registered;
import org.tandem.pbx.registrar.RegistrarProperties;
import org.tandem.pbx.registrar.RegistrationEvents;
import org.tandem.pbx.registrar.RegistrationListener;
import org.tandem.pbx.security.BanRegistry;
import org.tandem.pbx.sip.InboundFilter;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * Wires the registrar: the in-memory location service loaded from the database at start-up, its
 * writer thread, the registrar timer (pruning and NAT keepalives) and the REGISTER handler.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RegistrarProperties.class)
class RegistrarConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RegistrarConfiguration.class);

    /** The journal lives beside the database files; read at every start even when write-through is chosen. */
    @Bean(destroyMethod = "close")
    LocationWriter locationWriter(
            RegistrarProperties props,
            PlatformTransactionManager transactions,
            RegistrationStore store,
            TandemProperties tandem) {
        BindingJournal journal =
                new BindingJournal(tandem.dataDir().resolve("registrations.journal"), props.journalSync());
        return new LocationWriter(
                props.writeQueue(),
                new TransactionTemplate(transactions),
                store,
                journal,
                props.journalFlushInterval());
    }

    /** One thread for the registrar's periodic work (pruning, keepalives); never a SIP thread. */
    @Bean(destroyMethod = "close")
    RegistrarTimer registrarTimer(Workers workers) {
        return new RegistrarTimer(workers);
    }

    @Bean
    RegistrationStore registrationStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        return new RegistrationStore(jdbc, new TransactionTemplate(transactions));
    }

    /** The LocationService bean, filled from the database before SIP starts; expired rows are dropped. */
    @Bean
    LocationTable locationTable(
            RegistrationStore store,
            LocationWriter writer,
            SipTransports transports,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        Clock c = clock.getIfAvailable(Clock::systemUTC);
        // a flow whose TCP/TLS connection closed is no target (RFC 5626 §5.3); asked when a call is routed
        LocationTable table =
                new LocationTable(c, b -> transports.connectionOpen(b.transport(), b.sourceAddress(), b.sourcePort()));
        writer.recover(); // what a crash left in the journal reaches the database first
        Instant now = c.instant();
        Map<String, Map<String, Binding>> byAor = new HashMap<>();
        int loaded = 0;
        for (Binding b : store.loadAll()) {
            if (b.isExpired(now)) continue;
            byAor.computeIfAbsent(b.extension(), k -> new HashMap<>()).put(ContactKey.of(b.contactUri()), b);
            loaded++;
        }
        byAor.forEach(table::replace);
        int expired = store.deleteExpired(now);
        log.info(
                "Location service: {} bindings of {} users restored, {} expired ones dropped",
                loaded,
                byAor.size(),
                expired);
        return table;
    }

    @Bean
    Registrar registrar(
            SipAuthenticator authenticator,
            SipResponder responder,
            SipTransports transports,
            LocalAddresses local,
            LocationTable table,
            RegistrationStore store,
            LocationWriter writer,
            @Qualifier("sipCallStripes") SerialExecutors stripes,
            RegistrarProperties props,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock,
            RegistrationEvents registrationEvents) {
        return new Registrar(
                authenticator,
                responder,
                transports,
                local,
                table,
                store,
                writer,
                stripes,
                props,
                clock.getIfAvailable(Clock::systemUTC),
                registrationEvents);
    }

    /**
     * REGISTERs over UDP answered from their datagrams ({@code tandem.registrar.udp-shortcut}, default on); the stack's
     * path stays for everything the shortcut leaves, and for everything with it off.
     */
    @Bean
    RegisterShortcut registerShortcut(
            LocalAddresses local,
            InboundFilter filter,
            SipAuthenticator authenticator,
            SipDomain domain,
            Registrar registrar,
            @Qualifier("sipCallStripes") SerialExecutors stripes,
            SipTransports transports,
            RegistrarProperties props) {
        RegisterShortcut shortcut =
                new RegisterShortcut(local, filter, authenticator, domain::current, registrar, stripes);
        // a setting read at start, not a condition on the bean: the context is fixed at build time (AOT)
        if (props.udpShortcut()) transports.addDatagramShortcut(shortcut);
        return shortcut;
    }

    /** {@link Registered} to its listeners (presence, the operator panel, stored messages), in their order. */
    @Bean
    RegistrationEvents registrationEvents(ObjectProvider<RegistrationListener> listeners) {
        return new RegistrationEvents(Listeners.of(listeners, RegistrationListener::order));
    }

    @Bean
    RegistrarMetrics registrarMetrics(
            LocationTable table, LocationWriter writer, BanRegistry bans, ObjectProvider<RegisterShortcut> shortcut) {
        return new RegistrarMetrics(table, writer, bans, shortcut.getIfAvailable());
    }

    @Bean
    NatKeepalive natKeepalive(LocationTable table, SipTransports transports, SipDomain domain) {
        return new NatKeepalive(table, transports, domain::current);
    }

    @Bean
    RegistrarMaintenance registrarMaintenance(
            LocationTable table,
            LocationWriter writer,
            RegistrarTimer registrarTimer,
            NatKeepalive keepalive,
            RegistrarProperties props,
            SipProperties sip,
            // no Clock bean in the appliance (the system clock); a test may supply one
            ObjectProvider<Clock> clock) {
        return new RegistrarMaintenance(
                table,
                writer,
                registrarTimer,
                keepalive,
                props.pruneInterval(),
                sip.keepaliveInterval(),
                clock.getIfAvailable(Clock::systemUTC));
    }
}
