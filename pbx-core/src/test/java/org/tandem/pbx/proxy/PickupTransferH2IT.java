package org.tandem.pbx.proxy;

/** Pickup and transfer scenarios on the default H2 database. */
class PickupTransferH2IT extends AbstractPickupTransferIT {}
