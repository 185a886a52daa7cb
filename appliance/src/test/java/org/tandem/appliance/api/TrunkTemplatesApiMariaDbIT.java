package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** {@link TrunkTemplatesApiContract} on MariaDB (one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class TrunkTemplatesApiMariaDbIT extends TrunkTemplatesApiContract {}
