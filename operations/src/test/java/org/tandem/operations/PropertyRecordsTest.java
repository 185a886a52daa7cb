package org.tandem.operations;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tandem.operations.backup.LiveSessionProperties;
import org.tandem.operations.network.NetworkProperties;
import org.tandem.operations.upload.UploadLimits;
import org.tandem.pbx.testsupport.PropertyRecords;

/** This module's settings records write each default once, as {@code @DefaultValue} (issue 14), as pbx-core's do. */
class PropertyRecordsTest {

    @ParameterizedTest
    @ValueSource(classes = {NetworkProperties.class, LiveSessionProperties.class, UploadLimits.class})
    void builtWithNullsIsBoundWithNothing(Class<?> type) throws ReflectiveOperationException {
        PropertyRecords.assertBuiltWithNullsIsBoundWithNothing(type);
    }
}
