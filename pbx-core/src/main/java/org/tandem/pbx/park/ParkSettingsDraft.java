package org.tandem.pbx.park;

/**
 * Park settings as submitted (REST API, web UI). Orbits are given together (same number of digits, at most
 * 100), or both empty to turn park off; null timeout = 120 s, null returnToParker = true; null featureCode
 * keeps the current code.
 */
public record ParkSettingsDraft(
        String firstOrbit, String lastOrbit, Integer timeoutSeconds, Boolean returnToParker, String featureCode) {}
