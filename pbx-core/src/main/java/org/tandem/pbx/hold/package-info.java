/**
 * Music on hold for calls the proxy carries (RFC 3264 §8.4 hold): when a phone puts its call on hold, the
 * re-INVITE's offer goes on to the other phone pointing at a media session of this process that plays music;
 * resuming (or hanging up) ends it. Public API: {@link org.tandem.pbx.hold.MusicOnHold}, used by the proxy.
 */
package org.tandem.pbx.hold;
