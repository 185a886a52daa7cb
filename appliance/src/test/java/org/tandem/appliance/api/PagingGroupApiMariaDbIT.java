package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** {@link PagingGroupApiContract} on MariaDB (one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class PagingGroupApiMariaDbIT extends PagingGroupApiContract {}
