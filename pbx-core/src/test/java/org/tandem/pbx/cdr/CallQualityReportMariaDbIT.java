package org.tandem.pbx.cdr;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link CallQualityReportIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class CallQualityReportMariaDbIT extends CallQualityReportIT {}
