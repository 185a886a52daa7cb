package org.tandem.pbx.routing;

/** The dial plan, as the proxy uses it for every new call. Runs on the call's stripe: must not block. */
public interface CallRouter {

    /** The first step for a call; later steps come from each {@link RouteStep.Ring#next()}. */
    RouteStep route(CallRequest call);
}
