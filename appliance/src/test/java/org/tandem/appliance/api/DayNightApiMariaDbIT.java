package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** {@link DayNightApiContract} on MariaDB (one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class DayNightApiMariaDbIT extends DayNightApiContract {}
