package org.tandem.pbx.registrar;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link RegistrationPersistenceIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class RegistrationPersistenceMariaDbIT extends RegistrationPersistenceIT {}
