package org.tandem.pbx.cdr.internal;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link CdrRetentionIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class CdrRetentionMariaDbIT extends CdrRetentionIT {}
