package org.tandem.pbx.routing;

/**
 * A user's call settings were saved (API, web UI, portal or a feature code such as DND on/off): presence shows "busy"
 * while do-not-disturb is on. Raised on the thread that saved them, after the change is in memory; listeners must
 * not block.
 */
public record CallSettingsChanged(CallSettings settings) {}
