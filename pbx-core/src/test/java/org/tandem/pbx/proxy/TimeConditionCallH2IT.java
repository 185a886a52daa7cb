package org.tandem.pbx.proxy;

/** Time conditions in the dial plan on the default H2 database. */
class TimeConditionCallH2IT extends AbstractTimeConditionCallIT {
}
