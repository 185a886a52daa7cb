package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** Phones and provisioning on MariaDB (a private server from Debian's mariadb-server, one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class DevicesApiMariaDbIT extends DevicesApiContract {}
