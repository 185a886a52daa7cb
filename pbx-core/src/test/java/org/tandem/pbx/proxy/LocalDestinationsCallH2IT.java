package org.tandem.pbx.proxy;

/** Time conditions and conference room numbers in the dial plan on the default H2 database. */
class LocalDestinationsCallH2IT extends AbstractLocalDestinationsCallIT {}
