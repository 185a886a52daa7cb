package org.tandem.appliance.api;

/** Web UI logins on the default H2 database. */
class WebUiLoginH2IT extends AbstractWebUiLoginIT {}
