package org.tandem.appliance.startup;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Explains start failures Tandem knows about: its own {@link StartupCheckException}s, and the SIP stack
 * failing to bind after the checks passed (another program took the port in between).
 */
class StartupFailureAnalyzer implements FailureAnalyzer {

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupCheckException check) {
                return new FailureAnalysis(check.problem(), check.action(), check);
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith("Cannot start the SIP stack")) {
                return new FailureAnalysis(
                        t.getMessage(),
                        "Stop the program using the SIP ports, or start Tandem "
                                + "with --tandem.sip.port=<free port> --tandem.sip.tls-port=<free port>",
                        t);
            }
        }
        return null;
    }
}
