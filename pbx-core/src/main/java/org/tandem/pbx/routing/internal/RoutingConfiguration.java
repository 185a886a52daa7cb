package org.tandem.pbx.routing.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.tandem.pbx.directory.UserDirectory;
import org.tandem.pbx.registrar.LocationService;
import org.tandem.pbx.routing.CallRouter;
import org.tandem.pbx.routing.ExternalCalls;
import org.tandem.pbx.routing.ExternalRoute;

/** Wires the dial plan. Without a trunk feature, external numbers are refused with 404. */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    @Bean
    CallRouter callRouter(UserDirectory users, LocationService locations, ObjectProvider<ExternalCalls> external) {
        ExternalCalls none = request -> new ExternalRoute.Refused(404, "No outbound route for this number");
        return new DialPlanRouter(users, locations, external.getIfAvailable(() -> none));
    }
}
