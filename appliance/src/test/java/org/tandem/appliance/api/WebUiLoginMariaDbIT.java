package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** Web UI logins on MariaDB (a private server from Debian's mariadb-server, one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class WebUiLoginMariaDbIT extends AbstractWebUiLoginIT {}
