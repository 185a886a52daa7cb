package org.tandem.pbx.routing;

/**
 * A user's call settings as submitted (REST API, web UI): destinations as text, checked by
 * {@link RoutingDirectory#updateCallSettings}. Null numbers mean "none"; null booleans mean false.
 */
public record CallSettingsDraft(
        Boolean dnd,
        String forwardAlways,
        String forwardBusy,
        String forwardNoAnswer,
        Integer noAnswerSeconds,
        String mobileNumber,
        Boolean ringMobile,
        String busyWhen,
        String pickupGroup) {}
