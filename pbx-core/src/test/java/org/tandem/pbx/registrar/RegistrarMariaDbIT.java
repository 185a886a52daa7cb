package org.tandem.pbx.registrar;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link RegistrarIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class RegistrarMariaDbIT extends RegistrarIT {}
