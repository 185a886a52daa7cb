package org.tandem.pbx.trunk;

/** Which number a trunk call presents in its From header. */
public enum CallerIdPolicy {
    /** The caller's outbound caller ID (user setting, else the route's, else the trunk's). */
    CALLER,
    /** Always the trunk's caller ID (or its account user name): providers that only accept their own numbers. */
    TRUNK
}
