package org.tandem.appliance.api;

/** {@link QueueApiContract} on the embedded H2 default. */
class QueueApiH2IT extends QueueApiContract {}
