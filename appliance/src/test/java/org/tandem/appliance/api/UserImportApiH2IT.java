package org.tandem.appliance.api;

/** The CSV import on the default embedded H2 database. */
class UserImportApiH2IT extends UserImportApiContract {}
