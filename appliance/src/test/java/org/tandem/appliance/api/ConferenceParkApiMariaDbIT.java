package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** The conference room and park API on MariaDB (one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class ConferenceParkApiMariaDbIT extends ConferenceParkApiContract {}
