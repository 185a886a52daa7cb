package org.tandem.appliance.api;

/** {@link DayNightApiContract} on the embedded H2 default. */
class DayNightApiH2IT extends DayNightApiContract {}
