package org.tandem.pbx.proxy;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.tandem.pbx.auth.SipAuthenticator;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.config.TandemProperties;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.proxy.internal.BranchIds;
import org.tandem.pbx.proxy.internal.DialogEvents;
import org.tandem.pbx.proxy.internal.FlowTokens;
import org.tandem.pbx.proxy.internal.Forwarder;
import org.tandem.pbx.proxy.internal.ProxyRuntime;
import org.tandem.pbx.proxy.internal.ResponseContexts;
import org.tandem.pbx.proxy.internal.RouteSet;
import org.tandem.pbx.proxy.internal.StatefulProxy;
import org.tandem.pbx.proxy.internal.StatelessForwarding;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.sip.LocalAddresses;
import org.tandem.pbx.sip.SipProperties;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;

/**
 * Wires the stateful proxy: the request handler (late in the handler order, it takes what the
 * registrar and the OPTIONS responder leave), the stray-response handler, and the proxy's timer
 * thread. Settings: {@code tandem.sip.invite-timeout} (no-answer time, default 30 s).
 */
@Configuration(proxyBeanMethods = false)
public class ProxyConfiguration {

    /**
     * The one thread that fires proxy timers (no-answer timer C). It only enqueues work back onto the
     * call's stripe; it never touches call state itself.
     */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService sipProxyTimer() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("sip-proxy-timer-");
        threads.setDaemon(true);
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, threads);
        timer.setRemoveOnCancelPolicy(true); // answered calls do not leave their timers queued
        return timer;
    }

    @Bean
    BranchIds proxyBranchIds(LocalAddresses local) {
        return new BranchIds(local);
    }

    @Bean
    RouteSet proxyRouteSet(SipTransports transports, LocalAddresses local) {
        return new RouteSet(transports, local);
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
    Forwarder proxyForwarder(SipTransports transports, SipResponder responder, RouteSet proxyRouteSet,
                             BranchIds proxyBranchIds, LocationService locations, FlowTokens proxyFlowTokens) {
        return new Forwarder(transports, responder, proxyRouteSet, proxyBranchIds, locations, proxyFlowTokens);
    }

    @Bean
    ResponseContexts proxyResponseContexts() {
        return new ResponseContexts();
    }

    @Bean
    DialogEvents proxyDialogEvents(ApplicationEventPublisher publisher) {
        return new DialogEvents(publisher);
    }

    @Bean
    ProxyRuntime proxyRuntime(Forwarder proxyForwarder, ResponseContexts proxyResponseContexts,
                              DialogEvents proxyDialogEvents, ScheduledExecutorService sipProxyTimer,
                              SerialExecutors sipCallStripes) {
        return new ProxyRuntime(proxyForwarder, proxyResponseContexts, proxyDialogEvents, sipProxyTimer,
                sipCallStripes);
    }

    /** §16.11: stray responses (e.g. retransmitted 2xx) are forwarded statelessly. */
    @Bean
    StatelessForwarding proxyStatelessForwarding(Forwarder proxyForwarder, DialogEvents proxyDialogEvents) {
        return new StatelessForwarding(proxyForwarder, proxyDialogEvents);
    }

    @Bean
    StatefulProxy statefulProxy(ProxyRuntime proxyRuntime, StatelessForwarding proxyStatelessForwarding,
                                SipAuthenticator authenticator, UserDirectory users, LocalAddresses local,
                                SipProperties sip) {
        return new StatefulProxy(proxyRuntime, proxyStatelessForwarding, authenticator, users, local,
                sip.inviteTimeout());
    }
}
