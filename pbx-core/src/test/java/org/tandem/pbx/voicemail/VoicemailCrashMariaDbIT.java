package org.tandem.pbx.voicemail;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link VoicemailCrashIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class VoicemailCrashMariaDbIT extends VoicemailCrashIT {}
