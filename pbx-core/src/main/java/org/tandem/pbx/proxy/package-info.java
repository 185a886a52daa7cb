/**
 * The stateful forking proxy (RFC 3261 §16): routes calls and other requests between the
 * registered phones of local users. Public API: {@link org.tandem.pbx.proxy.DialogStateChanged}
 * events and the Spring wiring in {@link org.tandem.pbx.proxy.ProxyConfiguration}; everything else
 * is in {@code internal}.
 */
package org.tandem.pbx.proxy;
