package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** The call-recording API on MariaDB (a private server from Debian's mariadb-server, one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class RecordingApiMariaDbIT extends RecordingApiContract {}
