package org.tandem.pbx.cdr.internal;

import org.tandem.pbx.testsupport.PbxOnMariaDb;

/** {@link CdrBatchIT} on MariaDB: its duplicate-key error is the one that tells a stored call's start. */
@PbxOnMariaDb
class CdrBatchMariaDbIT extends CdrBatchIT {}
