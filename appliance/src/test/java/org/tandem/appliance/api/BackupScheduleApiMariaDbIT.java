package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** Scheduled backups over the API on MariaDB (a private server from Debian's mariadb-server, one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class BackupScheduleApiMariaDbIT extends BackupScheduleApiContract {}
