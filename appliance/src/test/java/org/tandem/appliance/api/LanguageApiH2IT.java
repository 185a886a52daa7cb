package org.tandem.appliance.api;

/** {@link LanguageApiContract} on the embedded H2 default. */
class LanguageApiH2IT extends LanguageApiContract {}
