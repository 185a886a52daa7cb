package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** A phone's first contact and its provisioning credentials on MariaDB (a private server from Debian's mariadb-server, one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class PhoneFirstContactApiMariaDbIT extends PhoneFirstContactApiContract {}
