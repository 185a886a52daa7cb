/**
 * The stateful forking proxy (RFC 3261 §16): routes calls and other requests between the
 * registered phones of local users. Public API: the {@link org.tandem.pbx.call.DialogStateChanged}
 * events it publishes (they live in {@code pbx.call} with the other call events, so their listeners
 * need not know the proxy) and the Spring wiring in {@link org.tandem.pbx.proxy.ProxyConfiguration};
 * everything else is in {@code internal}.
 */
package org.tandem.pbx.proxy;
