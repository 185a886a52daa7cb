package org.tandem.appliance.backup;

import java.util.Map;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** A backup of an H2 appliance restored on a MariaDB one. */
@MariaDbTest
class BackupRestoreH2ToMariaDbIT extends BackupRestoreContract {

    @Override
    Map<String, Object> sourceDatabase() {
        return Map.of();
    }

    @Override
    Map<String, Object> targetDatabase() {
        return MariaDbDatabase.properties("restore_target");
    }
}
