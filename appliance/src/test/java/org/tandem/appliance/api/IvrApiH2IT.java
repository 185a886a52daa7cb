package org.tandem.appliance.api;

/** The IVR menu and time condition API on the default embedded H2 database. */
class IvrApiH2IT extends IvrApiContract {}
