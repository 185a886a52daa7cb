package org.tandem.pbx.recording;

/** One recording rule: {@code mode} for the calls of {@code subject} in {@code scope}. */
public record RecordingRule(RuleScope scope, String subject, RecordingMode mode) {
}
