package org.tandem.pbx.registrar;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link KillNineIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class KillNineMariaDbIT extends KillNineIT {}
