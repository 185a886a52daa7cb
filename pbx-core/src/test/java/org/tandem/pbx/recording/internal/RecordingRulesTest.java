package org.tandem.pbx.recording.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tandem.pbx.anchor.CallRecorder.Involved;
import org.tandem.pbx.recording.RecordingMode;
import org.tandem.pbx.recording.RecordingRule;
import org.tandem.pbx.recording.RuleScope;
import org.tandem.pbx.recording.internal.RecordingRules.Verdict;

/** What the recording rules decide about a call (issue 18), from the snapshot a rule change replaces. */
class RecordingRulesTest {

    /** The table in memory: what the repository's SQL does, without a database. */
    static final class Table extends RecordingRepository {
        final List<RecordingRule> rows = new ArrayList<>();

        Table() {
            super(null);
        }

        @Override
        public List<RecordingRule> rules() {
            return rows.stream()
                    .sorted((a, b) -> a.scope() != b.scope()
                            ? a.scope().name().compareTo(b.scope().name())
                            : a.subject().compareTo(b.subject()))
                    .toList();
        }

        @Override
        public void saveRule(RecordingRule rule) {
            deleteRule(rule.scope(), rule.subject());
            rows.add(rule);
        }

        @Override
        public int deleteRule(RuleScope scope, String subject) {
            int before = rows.size();
            rows.removeIf(r -> r.scope() == scope && r.subject().equals(subject));
            return before - rows.size();
        }
    }

    private static final Involved CALL = new Involved("201", List.of("202", "203"), "carrier", "4930555288");

    @Test
    void withoutARuleOfAnyPartyNoCallIsRecordedUntilOneIsSetAndAgainOnceItIsDeleted() {
        Table table = new Table();
        RecordingRules rules = new RecordingRules(table);
        assertThat(rules.verdict(CALL).records()).isFalse();

        rules.set("USER", "203", "ALWAYS", true);
        assertThat(rules.verdict(CALL))
                .as("the rule set a moment ago applies to the next call")
                .isEqualTo(new Verdict(true, Set.of(), true));
        rules.set("USER", "203", "ON_DEMAND", null);
        assertThat(rules.verdict(CALL)).isEqualTo(new Verdict(false, Set.of("203"), false));
        rules.set("TRUNK", "CARRIER", "NEVER", null);
        assertThat(rules.verdict(CALL).records())
                .as("a trunk's NEVER (subjects match whatever their case)")
                .isFalse();
        assertThat(rules.delete("TRUNK", "CARRIER")).isTrue();
        assertThat(rules.verdict(CALL)).isEqualTo(new Verdict(false, Set.of("203"), false));
        assertThat(rules.delete("USER", "203")).isTrue();
        assertThat(rules.verdict(CALL).records())
                .as("the last party rule deleted: nothing recorded again")
                .isFalse();

        rules.set("DID", "4930555288", "ALWAYS", null);
        assertThat(rules.verdict(CALL).always()).isTrue();
        assertThat(rules.delete("DID", "4930555288")).isTrue();
        assertThat(rules.verdict(CALL).records()).isFalse();
    }

    @Test
    void aQueueRuleAloneRecordsTheQueuesCallsAndNoOtherAndAPartysNeverStillStopsIt() {
        RecordingRules rules = new RecordingRules(new Table());
        rules.set("QUEUE", "700", "ALWAYS", true);
        assertThat(rules.verdict(CALL).records())
                .as("a queue's rule is no party's rule")
                .isFalse();
        assertThat(rules.queueVerdict("700", CALL)).isEqualTo(new Verdict(true, Set.of(), true));
        assertThat(rules.queueVerdict("701", CALL).records()).isFalse();
        rules.set("USER", "202", "NEVER", null);
        assertThat(rules.queueVerdict("700", CALL).records()).isFalse();
        rules.delete("USER", "202");
        assertThat(rules.queueVerdict("700", CALL).records()).isTrue();
    }

    @Test
    void rulesLoadedAtStartApply() {
        Table table = new Table();
        table.saveRule(new RecordingRule(RuleScope.USER, "201", RecordingMode.ALWAYS));
        assertThat(new RecordingRules(table).verdict(CALL).always()).isTrue();
    }

    /** Whatever the rules, the verdict is the one the rules' definition gives (NEVER, then ALWAYS, then ON_DEMAND). */
    @Test
    void everyVerdictIsTheDefinitionsOnRandomRulesAndCalls() {
        Random random = new Random(23);
        String[] users = {"201", "202", "203", "204"};
        String[] trunks = {"carrier", "Backup"};
        String[] dids = {"100", "200"};
        for (int round = 0; round < 300; round++) {
            Table table = new Table();
            RecordingRules rules = new RecordingRules(table);
            for (int n = random.nextInt(5); n > 0; n--) {
                int scope = random.nextInt(4);
                String subject = scope == 0
                        ? users[random.nextInt(users.length)]
                        : scope == 1
                                ? trunks[random.nextInt(trunks.length)]
                                : scope == 2 ? dids[random.nextInt(2)] : "700";
                String mode = scope == 0
                        ? List.of("ALWAYS", "NEVER", "ON_DEMAND").get(random.nextInt(3))
                        : random.nextBoolean() ? "ALWAYS" : "NEVER";
                String scopeName = List.of("USER", "TRUNK", "DID", "QUEUE").get(scope);
                rules.set(scopeName, subject, mode, !mode.equals("NEVER") && random.nextBoolean());
                if (random.nextInt(4) == 0) rules.delete(scopeName, subject);
            }
            for (int c = 0; c < 10; c++) {
                List<String> callees = new ArrayList<>();
                for (int k = random.nextInt(3); k > 0; k--) callees.add(users[random.nextInt(users.length)]);
                Involved call = new Involved(
                        random.nextBoolean() ? users[random.nextInt(users.length)] : null,
                        callees,
                        random.nextBoolean() ? trunks[random.nextInt(2)].toUpperCase(Locale.ROOT) : null,
                        random.nextBoolean() ? dids[random.nextInt(2)] : null);
                assertThat(rules.verdict(call))
                        .as("%s with %s", call, table.rows)
                        .isEqualTo(definition(table, call));
            }
        }
    }

    private static Verdict definition(Table table, Involved call) {
        List<RecordingRule> found = new ArrayList<>();
        addRule(table, found, RuleScope.USER, call.callerExtension());
        call.calleeExtensions().forEach(e -> addRule(table, found, RuleScope.USER, e));
        addRule(table, found, RuleScope.TRUNK, call.trunk());
        addRule(table, found, RuleScope.DID, call.did());
        if (found.stream().anyMatch(r -> r.mode() == RecordingMode.NEVER)) return Verdict.NONE;
        if (found.stream().anyMatch(r -> r.mode() == RecordingMode.ALWAYS)) {
            return new Verdict(
                    true, Set.of(), found.stream().anyMatch(r -> r.mode() == RecordingMode.ALWAYS && r.announce()));
        }
        Set<String> onDemand = new LinkedHashSet<>();
        found.stream().filter(r -> r.mode() == RecordingMode.ON_DEMAND).forEach(r -> onDemand.add(r.subject()));
        return onDemand.isEmpty()
                ? Verdict.NONE
                : new Verdict(
                        false,
                        onDemand,
                        found.stream().anyMatch(r -> r.mode() == RecordingMode.ON_DEMAND && r.announce()));
    }

    private static void addRule(Table table, List<RecordingRule> found, RuleScope scope, String subject) {
        if (subject == null) return;
        table.rows.stream()
                .filter(r -> r.scope() == scope && r.subject().equalsIgnoreCase(subject))
                .findFirst()
                .ifPresent(found::add);
    }
}
