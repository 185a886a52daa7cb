/**
 * The typed, in-process events of the SIP path (docs/architecture.md, "Events"): a port is a listener interface
 * and the bean that raises its events ({@code call.CallEvents}, {@code registrar.RegistrationEvents}); its
 * listeners are ordinary beans, found once at start by {@link org.tandem.pbx.events.Listeners}, called in their
 * {@code @Order} on the thread that raises the event. Changes that are rare (a user saved, a trunk changed) stay
 * Spring application events.
 */
package org.tandem.pbx.events;
