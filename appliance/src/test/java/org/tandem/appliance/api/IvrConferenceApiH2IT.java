package org.tandem.appliance.api;

/** The IVR, time condition, conference room and park API on the default embedded H2 database. */
class IvrConferenceApiH2IT extends IvrConferenceApiContract {}
