package org.tandem.appliance.api;

import org.tandem.appliance.testsupport.ApplianceOnMariaDb;

/** CSRF, content types, API tokens and the OPERATOR's limits on MariaDB (a private server from Debian's mariadb-server). */
@ApplianceOnMariaDb
class WebSecurityApiMariaDbIT extends AbstractWebSecurityApiIT {}
