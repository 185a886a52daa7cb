/**
 * Presence: Tandem as the notifier of the RFC 4235 dialog event package (busy lamp fields) for every extension, ring
 * group and park orbit of its domain, fed by the proxy's {@link org.tandem.pbx.call.DialogStateChanged} and the
 * park's {@link org.tandem.pbx.park.OrbitChanged}; and as the presence server (RFC 3856) of every user: devices
 * PUBLISH (RFC 3903) PIDF documents, watchers get them composed with what Tandem knows (registered, in a call,
 * do-not-disturb). One SUBSCRIBE/NOTIFY machinery for both packages. Public API:
 * {@link org.tandem.pbx.presence.DialogWatchers} (who watches what), {@link org.tandem.pbx.presence.PresenceProperties}.
 */
package org.tandem.pbx.presence;
