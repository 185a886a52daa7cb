package org.tandem.pbx.security;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link BanIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class BanMariaDbIT extends BanIT {}
