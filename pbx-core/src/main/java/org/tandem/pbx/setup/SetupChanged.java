package org.tandem.pbx.setup;

/** Raised after the wizard's settings were saved, for the features that use them. */
public record SetupChanged(SetupSettings settings) {}
