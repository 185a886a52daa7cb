package org.tandem.pbx.presence.internal;

/**
 * One dialog of a watched resource as RFC 4235 §4.1 describes it, from the resource's side.
 *
 * @param id            unique within the resource and stable across the dialog's states (§4.1.2)
 * @param callId        the dialog's Call-ID, with its tags what a phone needs for Replaces (RFC 3891); or null
 * @param localTag      the resource's tag, or null (trying, or a park orbit)
 * @param remoteTag     the other end's tag, or null
 * @param direction     {@code initiator} or {@code recipient} (§4.1.2), or null
 * @param state         trying, proceeding, early, confirmed or terminated (§4.1.3)
 * @param event         for terminated: cancelled, rejected, replaced, local-bye, remote-bye, error, timeout; or null
 * @param localUri      the resource's address
 * @param remoteUri     the other party's address, or null
 * @param remoteDisplay the other party's display name, or null
 */
record DialogView(
        String id,
        String callId,
        String localTag,
        String remoteTag,
        String direction,
        String state,
        String event,
        String localUri,
        String remoteUri,
        String remoteDisplay) {

    boolean terminated() {
        return "terminated".equals(state);
    }

    DialogView withState(String newState, String newEvent) {
        return new DialogView(
                id, callId, localTag, remoteTag, direction, newState, newEvent, localUri, remoteUri, remoteDisplay);
    }

    DialogView as(String newId, String newLocalUri) {
        return new DialogView(
                newId, callId, localTag, remoteTag, direction, state, event, newLocalUri, remoteUri, remoteDisplay);
    }
}
