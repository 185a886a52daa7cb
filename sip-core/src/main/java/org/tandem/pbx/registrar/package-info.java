/**
 * The registrar (RFC 3261 §10) and the location service.
 *
 * <p>Public API: {@link org.tandem.pbx.registrar.LocationService} ({@code lookup}, {@code findByContact},
 * {@code all}), {@link org.tandem.pbx.registrar.Binding}, and the settings
 * {@link org.tandem.pbx.registrar.RegistrarProperties} ({@code tandem.registrar.*}). Bindings live in
 * memory and are written through to the {@code registration} table before the 200 OK; NAT keepalives
 * follow {@code tandem.sip.keepalive-interval}.
 */
package org.tandem.pbx.registrar;
