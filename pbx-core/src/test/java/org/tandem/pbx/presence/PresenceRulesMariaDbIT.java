package org.tandem.pbx.presence;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link PresenceRulesIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class PresenceRulesMariaDbIT extends PresenceRulesIT {}
