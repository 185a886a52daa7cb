package org.tandem.pbx.queue;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link QueueAgentsIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class QueueAgentsMariaDbIT extends QueueAgentsIT {}
