package org.tandem.appliance.startup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Reports an explained start failure as one line ("Tandem cannot start: what happened. What to do.") in
 * place of Spring Boot's multi-line block, which application.yml turns off; the stack trace is logged
 * at DEBUG for whoever needs it.
 */
class OneLineFailureReporter implements FailureAnalysisReporter {

    private static final Logger log = LoggerFactory.getLogger("org.tandem.appliance.startup");

    @Override
    public void report(FailureAnalysis analysis) {
        log.error("Tandem cannot start: {}", oneLine(analysis));
        if (log.isDebugEnabled() && analysis.getCause() != null) {
            log.debug("Start failure", analysis.getCause());
        }
    }

    static String oneLine(FailureAnalysis analysis) {
        String problem = flatten(analysis.getDescription());
        String action = analysis.getAction() == null ? "" : flatten(analysis.getAction());
        if (!problem.isEmpty() && !problem.endsWith(".")) problem += ".";
        return action.isEmpty() ? problem : problem + " " + action;
    }

    private static String flatten(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").strip();
    }
}
