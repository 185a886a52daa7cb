package org.tandem.operations.testsupport;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.tandem.pbx.testsupport.PbxTestContext;
import org.tandem.pbx.testsupport.TestPbxApplication;

/**
 * The PBX of pbx-core's integration tests ({@link TestPbxApplication}) plus every bean of org.tandem.operations and
 * its migrations ({@code backup_schedule}), as the appliance runs them. Start it with {@link #start}.
 */
@Configuration(proxyBeanMethods = false)
@Import(TestPbxApplication.class)
@ComponentScan("org.tandem.operations")
public class TestOperationsApplication {

    /** pbx-core's migration folders and this module's. */
    public static final String FLYWAY_LOCATIONS =
            TestPbxApplication.FLYWAY_LOCATIONS + ",classpath:db/migration/operations";

    /** A PBX with the operations services on a data directory of its own (see {@link PbxTestContext#start}). */
    public static PbxTestContext start(Path dataDir) {
        return PbxTestContext.start(
                dataDir, Map.of("spring.flyway.locations", FLYWAY_LOCATIONS), TestOperationsApplication.class);
    }
}
