package org.tandem.pbx.routing;

/**
 * Call pickup: answering a call that rings somewhere else. Implemented by the proxy, which knows
 * the ringing calls: the picker's INVITE is sent to the waiting caller with a Replaces header for
 * the ringing early dialog (RFC 3891 §3, {@code early-only}), so the caller's UA swaps that early
 * dialog for the picker and cancels its original INVITE.
 */
public interface CallPickup {

    /** Pick up the call ringing at {@code extension} (directed pickup). */
    RouteStep pickUp(CallRequest picker, String extension);

    /** Pick up a call ringing at any extension of the picker's pickup group. */
    RouteStep pickUpInGroup(CallRequest picker);
}
