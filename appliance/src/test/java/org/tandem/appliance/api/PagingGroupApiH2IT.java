package org.tandem.appliance.api;

/** {@link PagingGroupApiContract} on the embedded H2 default. */
class PagingGroupApiH2IT extends PagingGroupApiContract {}
