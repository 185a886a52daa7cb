package org.tandem.pbx.messaging;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link OfflineMessageIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class OfflineMessageMariaDbIT extends OfflineMessageIT {}
