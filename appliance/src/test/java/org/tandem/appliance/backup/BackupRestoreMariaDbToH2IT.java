package org.tandem.appliance.backup;

import java.util.Map;
import org.tandem.pbx.testsupport.mariadb.MariaDbDatabase;
import org.tandem.pbx.testsupport.mariadb.MariaDbTest;

/** A backup of a MariaDB appliance restored on an H2 one. */
@MariaDbTest
class BackupRestoreMariaDbToH2IT extends BackupRestoreContract {

    @Override
    Map<String, Object> sourceDatabase() {
        return MariaDbDatabase.properties("restore_source");
    }

    @Override
    Map<String, Object> targetDatabase() {
        return Map.of();
    }
}
