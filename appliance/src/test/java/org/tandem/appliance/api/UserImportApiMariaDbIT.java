package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** The CSV import on MariaDB. */
@ApplianceOnMariaDb
class UserImportApiMariaDbIT extends UserImportApiContract {}
