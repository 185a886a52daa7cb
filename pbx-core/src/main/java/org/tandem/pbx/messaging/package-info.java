/**
 * Instant messages (RFC 3428 MESSAGE) for users whose phones are all offline: stored durably and answered 202
 * Accepted, delivered in order when one of the user's phones registers ({@link org.tandem.pbx.registrar.Registered}).
 * MESSAGEs to a registered user are relayed by the proxy as before. Public API: {@link MessagingProperties}.
 */
package org.tandem.pbx.messaging;
