package org.tandem.pbx.security;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link AllowListIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class AllowListMariaDbIT extends AllowListIT {}
