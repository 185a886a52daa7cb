package org.tandem.pbx.proxy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.anchor.MediaAnchor;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.forwarding.BranchIds;
import org.tandem.pbx.forwarding.FlowTokens;
import org.tandem.pbx.forwarding.Forwarder;
import org.tandem.pbx.forwarding.RouteSet;
import org.tandem.pbx.hold.MusicOnHold;
import org.tandem.pbx.proxy.internal.AnchoredDialogs;
import org.tandem.pbx.proxy.internal.AnsweredCalls;
import org.tandem.pbx.proxy.internal.ChallengeShortcut;
import org.tandem.pbx.proxy.internal.DeadCallTeardown;
import org.tandem.pbx.proxy.internal.DialogEvents;
import org.tandem.pbx.proxy.internal.OperatorCalls;
import org.tandem.pbx.proxy.internal.ProxyPickup;
import org.tandem.pbx.proxy.internal.ProxyRuntime;
import org.tandem.pbx.proxy.internal.Referrals;
import org.tandem.pbx.proxy.internal.ResponseContexts;
import org.tandem.pbx.proxy.internal.RingingCalls;
import org.tandem.pbx.proxy.internal.StatefulProxy;
import org.tandem.pbx.proxy.internal.StatelessForwarding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.routing.CallPickup;
import org.tandem.pbx.routing.CallRouter;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.NumberedDestinations;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.sip.AdvertisedHosts;
import org.tandem.pbx.sip.InboundFilter;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.LoopbackSignatures;
import org.tandem.pbx.sip.SipDispatcher;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * Wires the stateful proxy: the request handler (late in the handler order, it takes what the
 * registrar and the OPTIONS responder leave), the stray-response handler, and the proxy's timer
 * thread. Settings: {@code tandem.sip.invite-timeout} (no-answer time, default 30 s).
 */
@EnableConfigurationProperties(ProxyProperties.class)
@Configuration(proxyBeanMethods = false)
public class ProxyConfiguration {

    /**
     * The one thread that fires proxy timers (no-answer timer C). It only enqueues work back onto the
     * call's stripe; it never touches call state itself.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService sipProxyTimer(Workers workers) {
        return withHeartbeat(workers.timer("sip-proxy-timer")); // answered calls do not leave their timers queued
    }

    /** How often the proxy timer's heartbeat runs (see {@link #withHeartbeat}). */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    /**
     * Issue 23: a task that becomes the head of a timer's queue wakes the timer thread, and every call's no-answer
     * timer did, as an answered call's timer leaves the queue at once and leaves it empty: a futex wake on the call's
     * stripe and a wake-up of the timer thread per call. A task that does nothing, due within {@link #HEARTBEAT},
     * stays at the head; a timer of a second or more is queued behind it and wakes nobody. Every timer still fires
     * at its time; the thread wakes once a second instead.
     */
    static ScheduledThreadPoolExecutor withHeartbeat(ScheduledThreadPoolExecutor timer) {
        timer.scheduleAtFixedRate(() -> {}, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
        return timer;
    }

    @Bean
    BranchIds proxyBranchIds(LocalAddresses local) {
        return new BranchIds(local);
    }

    @Bean
    RouteSet proxyRouteSet(SipTransports transports, LocalAddresses local, AdvertisedHosts advertisedHosts) {
        return new RouteSet(transports, local, advertisedHosts::hostFor);
    }

    /**
     * Signs the flow tokens in our Record-Routes; the key lives in the data directory (like the
     * appliance key) so dialogs survive a restart.
     */
    @Bean
    FlowTokens proxyFlowTokens(TandemProperties tandem) {
        return FlowTokens.withKeyFile(tandem.dataDir().resolve("route.key"));
    }

    @Bean
    Forwarder proxyForwarder(
            SipTransports transports,
            SipResponder responder,
            RouteSet proxyRouteSet,
            BranchIds proxyBranchIds,
            LocationService locations,
            FlowTokens proxyFlowTokens,
            MediaAnchor mediaAnchor,
            ProxyProperties proxy) {
        // issue 20: Contacts going outside the local networks are masked (ContactMasks); the anchor knows the networks
        return new Forwarder(
                transports,
                responder,
                proxyRouteSet,
                proxyBranchIds,
                locations,
                proxyFlowTokens,
                mediaAnchor::isOutside,
                proxy.dialogIdleTimeout());
    }

    @Bean
    ResponseContexts proxyResponseContexts() {
        return new ResponseContexts();
    }

    @Bean
    DialogEvents proxyDialogEvents(CallEvents callEvents) {
        return new DialogEvents(callEvents);
    }

    @Bean
    AnsweredCalls proxyAnsweredCalls(CallEvents callEvents) {
        return new AnsweredCalls(callEvents);
    }

    @Bean
    RingingCalls proxyRingingCalls() {
        return new RingingCalls();
    }

    /** Call pickup (RFC 3891 Replaces towards the waiting caller), used by the dial plan's feature codes. */
    @Bean
    CallPickup callPickup(RingingCalls proxyRingingCalls, RoutingDirectory routingDirectory) {
        return new ProxyPickup(proxyRingingCalls, routingDirectory);
    }

    @Bean
    ProxyRuntime proxyRuntime(
            Forwarder proxyForwarder,
            ResponseContexts proxyResponseContexts,
            DialogEvents proxyDialogEvents,
            AnsweredCalls proxyAnsweredCalls,
            RingingCalls proxyRingingCalls,
            ScheduledExecutorService sipProxyTimer,
            SerialExecutors sipCallStripes,
            MusicOnHold musicOnHold,
            MediaAnchor mediaAnchor) {
        return new ProxyRuntime(
                proxyForwarder,
                proxyResponseContexts,
                proxyDialogEvents,
                proxyAnsweredCalls,
                proxyRingingCalls,
                new Referrals(),
                sipProxyTimer,
                sipCallStripes,
                musicOnHold,
                mediaAnchor,
                new AnchoredDialogs());
    }

    /** Gauges for the actuator/Prometheus registry (bound by Spring Boot when metrics are on). */
    @Bean
    MeterBinder proxyMetrics(ResponseContexts proxyResponseContexts, ScheduledExecutorService sipProxyTimer) {
        return registry -> {
            Gauge.builder("tandem.sip.proxy.transactions", proxyResponseContexts, ResponseContexts::size)
                    .description("Proxied requests still waiting for branches (RFC 3261 §16.7 response contexts)")
                    .register(registry);
            if (sipProxyTimer instanceof ScheduledThreadPoolExecutor timer) {
                Gauge.builder(
                                "tandem.sip.proxy.timers",
                                timer,
                                t -> Math.max(0, t.getQueue().size() - 1)) // not the heartbeat
                        .description("Pending proxy timers (no-answer timers, branch grace periods)")
                        .register(registry);
            }
        };
    }

    /** Hangs up anchored calls whose media died (tandem.media.dead-stream-timeout). */
    @Bean
    DeadCallTeardown deadCallTeardown(ProxyRuntime proxyRuntime) {
        return new DeadCallTeardown(proxyRuntime);
    }

    /** Calls an operator ends (the operator panel, the API). */
    @Bean
    OperatorCalls operatorCalls(
            ProxyRuntime proxyRuntime,
            CallRouter router,
            RoutingDirectory routing,
            // the numbered features (park orbits...) reach calls through this bean (a cycle): looked up per number
            ObjectProvider<NumberedDestinations> numbered) {
        return new OperatorCalls(
                proxyRuntime,
                router,
                routing,
                number -> numbered.orderedStream()
                        .anyMatch(d -> d.destinationOf(number)
                                .filter(Destination.ParkOrbit.class::isInstance)
                                .isPresent()));
    }

    /** §16.11: stray responses (e.g. retransmitted 2xx) are forwarded statelessly. */
    @Bean
    StatelessForwarding proxyStatelessForwarding(
            Forwarder proxyForwarder, DialogEvents proxyDialogEvents, ProxyRuntime proxyRuntime) {
        return new StatelessForwarding(proxyForwarder, proxyDialogEvents, proxyRuntime.anchor());
    }

    @Bean
    StatefulProxy statefulProxy(
            ProxyRuntime proxyRuntime,
            StatelessForwarding proxyStatelessForwarding,
            SipAuthenticator authenticator,
            UserDirectory users,
            LocalAddresses local,
            SipProperties sip,
            ProxyProperties proxy,
            CallRouter router,
            LoopbackSignatures loopbackSignatures,
            CallEvents callEvents,
            ApplicationEventPublisher publisher) {
        return new StatefulProxy(
                proxyRuntime,
                proxyStatelessForwarding,
                authenticator,
                users,
                local,
                sip.inviteTimeout(),
                proxy.anonymousInbound(),
                router,
                loopbackSignatures,
                callEvents,
                publisher);
    }

    /**
     * A call's first INVITE challenged, and that challenge's ACK absorbed, from their datagrams over UDP
     * ({@code tandem.proxy.udp-shortcut}, default on); the stack's path stays for everything the shortcut leaves, and
     * for everything with it off.
     */
    @Bean
    ChallengeShortcut proxyChallengeShortcut(
            LocalAddresses local,
            InboundFilter filter,
            SipAuthenticator authenticator,
            SipDispatcher dispatcher,
            SipTransports transports,
            BranchIds proxyBranchIds,
            ProxyProperties proxy) {
        ChallengeShortcut shortcut = new ChallengeShortcut(
                local, filter, authenticator, dispatcher, transports, proxyBranchIds, proxy.anonymousInbound());
        // a setting read at start, not a condition on the bean: the context is fixed at build time (AOT)
        if (proxy.udpShortcut()) transports.addDatagramShortcut(shortcut);
        return shortcut;
    }
}
