package org.tandem.pbx.queue;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link QueueCallIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class QueueCallMariaDbIT extends QueueCallIT {}
