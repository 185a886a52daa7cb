package org.tandem.pbx.cdr;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link CallRecordsIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class CallRecordsMariaDbIT extends CallRecordsIT {}
