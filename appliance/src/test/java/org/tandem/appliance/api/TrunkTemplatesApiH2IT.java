package org.tandem.appliance.api;

/** {@link TrunkTemplatesApiContract} on the embedded H2 default. */
class TrunkTemplatesApiH2IT extends TrunkTemplatesApiContract {}
