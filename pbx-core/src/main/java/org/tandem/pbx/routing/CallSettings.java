package org.tandem.pbx.routing;

/**
 * A user's own call handling: forwarding (unconditional, on busy, on no answer after their own ring
 * time), do-not-disturb, "ring my mobile too", when they count as busy, their pickup group.
 * Forward targets are any {@link Destination}, external numbers included.
 */
public record CallSettings(
        String extension,
        boolean dnd,
        Destination forwardAlways,
        Destination forwardBusy,
        Destination forwardNoAnswer,
        int noAnswerSeconds,
        String mobileNumber,
        boolean ringMobile,
        BusyPolicy busyWhen,
        String pickupGroup) {

    public static final int DEFAULT_NO_ANSWER_SECONDS = 20;

    public static CallSettings defaults(String extension) {
        return new CallSettings(
                extension, false, null, null, null, DEFAULT_NO_ANSWER_SECONDS, null, false, BusyPolicy.ALL, null);
    }

    public CallSettings withDnd(boolean on) {
        return new CallSettings(
                extension,
                on,
                forwardAlways,
                forwardBusy,
                forwardNoAnswer,
                noAnswerSeconds,
                mobileNumber,
                ringMobile,
                busyWhen,
                pickupGroup);
    }

    public CallSettings withForwardAlways(Destination target) {
        return new CallSettings(
                extension,
                dnd,
                target,
                forwardBusy,
                forwardNoAnswer,
                noAnswerSeconds,
                mobileNumber,
                ringMobile,
                busyWhen,
                pickupGroup);
    }
}
