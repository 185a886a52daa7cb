package org.tandem.pbx.blocklist;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link BlocklistCallIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class BlocklistCallMariaDbIT extends BlocklistCallIT {}
