package org.tandem.pbx.routing;

/**
 * A feature code answered by a media service (the *97 / *98 voicemail menus, *70 call park). Feature
 * codes no bean serves are refused with 480.
 */
public interface FeatureService {

    boolean serves(Feature feature);

    /**
     * The step for {@code call}, which dialled {@code feature}'s code.
     *
     * @param argument the digits dialled after the code (e.g. a box or an orbit), or null
     */
    RouteStep step(CallRequest call, Feature feature, String argument);
}
