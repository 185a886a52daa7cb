package org.tandem.pbx.testsupport.mariadb;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link MariaDbTest}: skip only on request, otherwise start the server or fail loudly. */
public class MariaDbExtension implements ExecutionCondition, BeforeAllCallback {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return MariaDbServer.skipRequested()
                ? ConditionEvaluationResult.disabled(MariaDbServer.SKIP_ENV + "=1: MariaDB tests skipped on request")
                : ConditionEvaluationResult.enabled("MariaDB tests run (set " + MariaDbServer.SKIP_ENV + "=1 to skip)");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        MariaDbServer.shared();
    }
}
