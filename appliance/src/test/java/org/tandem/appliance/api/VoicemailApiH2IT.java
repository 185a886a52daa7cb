package org.tandem.appliance.api;

/** Voicemail API on the default embedded H2 database. */
class VoicemailApiH2IT extends VoicemailApiContract {}
