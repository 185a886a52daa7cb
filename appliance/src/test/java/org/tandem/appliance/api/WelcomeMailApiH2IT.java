package org.tandem.appliance.api;

/** {@link WelcomeMailApiContract} on the embedded H2 default. */
class WelcomeMailApiH2IT extends WelcomeMailApiContract {}
