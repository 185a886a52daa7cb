package org.tandem.pbx.recording;

/**
 * One recording rule: {@code mode} for the calls of {@code subject} in {@code scope}; {@code announce}: when a
 * recording this rule asked for starts, both parties hear "this call is being recorded" (prompt {@code call-recorded}).
 */
public record RecordingRule(RuleScope scope, String subject, RecordingMode mode, boolean announce) {

    public RecordingRule(RuleScope scope, String subject, RecordingMode mode) {
        this(scope, subject, mode, false);
    }
}
