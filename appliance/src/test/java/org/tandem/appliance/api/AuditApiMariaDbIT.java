package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** The audit log API on MariaDB (a private server from Debian's mariadb-server, one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class AuditApiMariaDbIT extends AuditApiContract {}
