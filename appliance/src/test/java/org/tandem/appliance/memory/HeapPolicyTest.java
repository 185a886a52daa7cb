package org.tandem.appliance.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against this JVM's own flags (manageable, so settable here as in the appliance), put back afterwards. */
class HeapPolicyTest {

    final VmOptions vm = VmOptions.ofThisJvm();
    HeapPolicy before;

    @BeforeEach
    void keep() {
        before = HeapPolicy.current(vm);
    }

    @AfterEach
    void putBack() {
        before.apply(vm);
        assertThat(HeapPolicy.current(vm)).isEqualTo(before);
    }

    @Test
    void switchesBetweenTheUnitsFlagsAndG1sOwnEitherWay() {
        HeapPolicy unit = new HeapPolicy(10, 30, 60_000);
        unit.apply(vm);
        assertThat(HeapPolicy.current(vm)).isEqualTo(unit);

        HeapPolicy.UNDER_LOAD.apply(vm); // the minimum 40 is above the maximum 30 in force: the maximum goes first
        assertThat(HeapPolicy.current(vm)).isEqualTo(new HeapPolicy(40, 70, 0));

        unit.apply(vm); // the maximum 30 is below the minimum 40 in force: the minimum goes first
        assertThat(HeapPolicy.current(vm)).isEqualTo(unit);
    }

    @Test
    void theJvmRefusesAMinimumAboveTheMaximumInForce() {
        new HeapPolicy(10, 30, 60_000).apply(vm);
        // what apply's order avoids: setting the minimum of G1's defaults first
        assertThatThrownBy(() -> vm.set(HeapPolicy.MIN_FREE, "40")).isInstanceOf(IllegalArgumentException.class);
        assertThat(HeapPolicy.current(vm).minFree()).isEqualTo(10);
    }
}
