package org.tandem.pbx.cdr;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link CdrRoutedCallsIT} with its PBX's database on MariaDB. */
@PbxOnMariaDb
class CdrRoutedCallsMariaDbIT extends CdrRoutedCallsIT {}
