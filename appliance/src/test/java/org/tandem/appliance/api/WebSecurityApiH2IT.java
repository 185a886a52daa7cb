package org.tandem.appliance.api;

/** CSRF, content types, API tokens and the OPERATOR's limits on the default H2 database. */
class WebSecurityApiH2IT extends AbstractWebSecurityApiIT {}
