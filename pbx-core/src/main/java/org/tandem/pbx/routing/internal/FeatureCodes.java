package org.tandem.pbx.routing.internal;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.tandem.pbx.routing.CallPickup;
import org.tandem.pbx.routing.CallRequest;
import org.tandem.pbx.routing.CallSettings;
import org.tandem.pbx.routing.DayNightSwitch;
import org.tandem.pbx.routing.Destination;
import org.tandem.pbx.routing.Feature;
import org.tandem.pbx.routing.RouteStep;
import org.tandem.pbx.routing.RoutingDirectory;

/** Turns a dialled feature code into its route step (only local callers dial feature codes). */
public final class FeatureCodes {

    private final RoutingDirectory directory;
    private final FeatureCodeActions actions;
    private final CallPickup pickup;
    private final MediaServicesOf media;
    private final DayNightSwitch dayNight;

    /** @param dayNight the time conditions' switch; null without that feature */
    FeatureCodes(
            RoutingDirectory directory,
            FeatureCodeActions actions,
            CallPickup pickup,
            MediaServicesOf media,
            DayNightSwitch dayNight) {
        this.directory = directory;
        this.actions = actions;
        this.pickup = pickup;
        this.media = media;
        this.dayNight = dayNight;
    }

    /** The step for {@code call.dialled()}, or null when it is no feature code. */
    RouteStep route(CallRequest call, DialPlanRouter router) {
        String dialled = call.dialled();
        Map<Feature, String> codes = directory.featureCodes();
        Feature matched = null;
        String argument = null;
        for (Map.Entry<Feature, String> e : codes.entrySet()) {
            if (!e.getKey().takesArgument() && e.getValue().equals(dialled))
                return step(call, e.getKey(), null, router);
        }
        for (Map.Entry<Feature, String> e : codes.entrySet()) {
            String code = e.getValue();
            if (e.getKey().takesArgument()
                    && dialled.startsWith(code)
                    && (matched == null || code.length() > codes.get(matched).length())) {
                matched = e.getKey();
                argument = dialled.substring(code.length());
            }
        }
        return matched == null ? null : step(call, matched, argument, router);
    }

    private RouteStep step(CallRequest call, Feature feature, String argument, DialPlanRouter router) {
        String label = directory.featureCodes().get(feature);
        String me = call.callerExtension();
        return switch (feature) {
            case DND_ON -> serve(label, "Do not disturb on", s -> s.withDnd(true));
            case DND_OFF -> serve(label, "Do not disturb off", s -> s.withDnd(false));
            case FORWARD_OFF -> serve(label, "Call forwarding off", s -> s.withForwardAlways(null));
            case FORWARD_ON -> {
                if (argument == null || argument.isEmpty()) {
                    yield new RouteStep.Refuse(
                            484, "Address Incomplete: dial " + label + " and the number to forward to");
                }
                Destination target = router.isExtension(argument)
                        ? new Destination.Extension(argument)
                        : router.isRingGroup(argument)
                                ? new Destination.RingGroup(argument)
                                : Destination.NUMBER.matcher(argument).matches()
                                        ? new Destination.External(argument)
                                        : null;
                if (target == null) yield new RouteStep.Refuse(484, "Address Incomplete: not a number: " + argument);
                if (target instanceof Destination.Extension e && e.extension().equals(me)) {
                    yield new RouteStep.Refuse(403, "Cannot forward an extension to itself");
                }
                yield serve(label, "Calls forwarded to " + argument, s -> s.withForwardAlways(target));
            }
            // the voicemail menus, parking, queue logins and pauses are media services (FeatureService beans)
            case VOICEMAIL_OWN, VOICEMAIL_ANY, PARK, QUEUE_LOGIN, QUEUE_LOGOUT, QUEUE_PAUSE, QUEUE_UNPAUSE ->
                media.feature(call, feature, argument);
            case VOICEMAIL_LEAVE ->
                argument == null || argument.isEmpty()
                        ? new RouteStep.Refuse(484, "Address Incomplete: dial " + label + " and the voicemail box")
                        : router.isExtension(argument)
                                ? router.toStep(call, new Destination.Voicemail(argument), null, 0)
                                : new RouteStep.Refuse(404, "No voicemail box " + argument);
            case PICKUP_GROUP -> pickup.pickUpInGroup(call);
            case PICKUP_DIRECTED ->
                argument == null || argument.isEmpty()
                        ? new RouteStep.Refuse(484, "Address Incomplete: dial " + label + " and the ringing extension")
                        : pickup.pickUp(call, argument);
            case INTERCOM ->
                argument == null || argument.isEmpty()
                        ? new RouteStep.Refuse(484, "Address Incomplete: dial " + label + " and the extension")
                        : router.intercom(call, argument);
            case DAY_NIGHT ->
                dayNight == null
                        ? new RouteStep.Refuse(404, "There are no time conditions to switch")
                        : new RouteStep.Serve(
                                actions.run(label, c -> dayNight.toggle(c.callerExtension())), "feature:" + label);
        };
    }

    private RouteStep serve(String label, String result, UnaryOperator<CallSettings> change) {
        return new RouteStep.Serve(actions.change(label, result, change), "feature:" + label);
    }
}
