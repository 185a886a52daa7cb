package org.tandem.pbx.cdr;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link CdrRestartIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class CdrRestartMariaDbIT extends CdrRestartIT {}
