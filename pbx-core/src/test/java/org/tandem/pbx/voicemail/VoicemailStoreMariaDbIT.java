package org.tandem.pbx.voicemail;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link VoicemailStoreIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class VoicemailStoreMariaDbIT extends VoicemailStoreIT {}
