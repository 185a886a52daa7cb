package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** {@link QueueApiContract} on MariaDB (one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class QueueApiMariaDbIT extends QueueApiContract {}
