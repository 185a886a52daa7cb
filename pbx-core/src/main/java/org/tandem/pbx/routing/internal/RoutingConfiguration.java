package org.tandem.pbx.routing.internal;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.tandem.pbx.audit.AuditLog;
import org.tandem.pbx.call.CallEvents;
import org.tandem.pbx.concurrent.SerialExecutors;
import org.tandem.pbx.concurrent.Workers;
import org.tandem.pbx.directory.NumberClaims;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.routing.ActiveCalls;
import org.tandem.pbx.routing.CallPickup;
import org.tandem.pbx.routing.CallRouter;
import org.tandem.pbx.routing.CallScreen;
import org.tandem.pbx.routing.DayNightSwitch;
import org.tandem.pbx.routing.ExternalCalls;
import org.tandem.pbx.routing.FeatureService;
import org.tandem.pbx.routing.KnownDestinations;
import org.tandem.pbx.routing.NumberedDestinations;
import org.tandem.pbx.routing.RoutingDirectory;
import org.tandem.pbx.routing.ServedDestination;
import org.tandem.pbx.routing.TimeConditionSwitch;
import org.tandem.pbx.sip.AdvertisedHosts;
import org.tandem.pbx.sip.SipResponder;
import org.tandem.pbx.sip.SipTransports;
import org.tandem.pbx.ua.LocalDialogs;

/** Wires the dial plan. Without an outbound route for it, an external number is refused with 404. */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    /**
     * Writes settings changed from a phone (feature codes) to the database, off the SIP threads: one
     * named thread, a bounded queue (a full queue fails the feature code with 500, nothing half-done).
     */
    @Bean(destroyMethod = "shutdown")
    ExecutorService routingWriter(Workers workers) {
        return workers.single("routing-writer", 1000);
    }

    @Bean
    RoutingDirectory routingDirectory(
            RoutingRepository repository,
            UserDirectory users,
            @Qualifier("routingWriter") ExecutorService routingWriter,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions) {
        return new RoutingDirectory(repository, users, routingWriter, events, transactions);
    }

    /**
     * Hands the directory the other number owners and destination owners once all beans exist (they depend on
     * the directory), so ring groups take no room's number and settings name no missing user, group, room, menu or condition.
     */
    @Bean
    SmartInitializingSingleton ringGroupNumberClaims(
            RoutingDirectory routingDirectory, List<NumberClaims> claims, KnownDestinations known) {
        return () -> {
            routingDirectory.claimsOfOthers(claims);
            routingDirectory.knownDestinations(known);
        };
    }

    @Bean
    ActiveCalls activeCalls() {
        return new ActiveCalls();
    }

    @Bean
    LocalDialogs localDialogs(SipResponder responder) {
        return new LocalDialogs(responder);
    }

    @Bean
    FeatureCodeActions featureCodeActions(
            RoutingDirectory routingDirectory,
            SipTransports transports,
            SipResponder responder,
            CallEvents events,
            @Qualifier("sipProxyTimer") ScheduledExecutorService sipProxyTimer,
            SerialExecutors sipCallStripes,
            AdvertisedHosts advertisedHosts,
            AuditLog audit) {
        return new FeatureCodeActions(
                routingDirectory, transports, responder, events, sipProxyTimer, sipCallStripes, advertisedHosts, audit);
    }

    @Bean
    CallRouter callRouter(
            UserDirectory users,
            LocationService locations,
            ExternalCalls external,
            RoutingDirectory routingDirectory,
            ActiveCalls activeCalls,
            FeatureCodeActions featureCodeActions,
            CallPickup callPickup,
            TimeConditionSwitch timeConditions,
            DayNightSwitch dayNight,
            // the numbered features, media services, feature codes and screens place and take calls
            // through the router (a cycle): looked up at the first call
            ObjectProvider<NumberedDestinations> numbered,
            ObjectProvider<ServedDestination> servedDestinations,
            ObjectProvider<FeatureService> featureServices,
            ObjectProvider<CallScreen> screens) {
        MediaServicesOf media = new MediaServicesOf(servedDestinations, featureServices);
        FeatureCodes codes = new FeatureCodes(routingDirectory, featureCodeActions, callPickup, media, dayNight);
        return new DialPlanRouter(
                users,
                locations,
                external,
                routingDirectory,
                activeCalls,
                codes,
                timeConditions,
                new NumberedDestinationsOf(numbered),
                media,
                new ScreensOf(screens));
    }
}
