package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** {@link LanguageApiContract} on MariaDB (one database that the MariaDB API classes share). */
@ApplianceOnMariaDb
class LanguageApiMariaDbIT extends LanguageApiContract {}
