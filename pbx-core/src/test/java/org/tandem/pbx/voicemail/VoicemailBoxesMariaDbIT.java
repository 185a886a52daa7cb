package org.tandem.pbx.voicemail;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link VoicemailBoxesIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class VoicemailBoxesMariaDbIT extends VoicemailBoxesIT {}
