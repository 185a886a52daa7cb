package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** {@link WelcomeMailApiContract} on MariaDB (one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class WelcomeMailApiMariaDbIT extends WelcomeMailApiContract {}
