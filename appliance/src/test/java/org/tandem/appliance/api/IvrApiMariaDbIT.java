package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** The IVR menu and time condition API on MariaDB (one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class IvrApiMariaDbIT extends IvrApiContract {}
