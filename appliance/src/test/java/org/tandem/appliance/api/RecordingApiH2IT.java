package org.tandem.appliance.api;

/** The call-recording API on the default embedded H2 database. */
class RecordingApiH2IT extends RecordingApiContract {}
