package org.tandem.pbx.voicemail;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link VoicemailEmailIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class VoicemailEmailMariaDbIT extends VoicemailEmailIT {}
