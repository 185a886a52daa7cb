package org.tandem.appliance.memory;

/**
 * What G1 keeps of the heap: the free share it grows the heap to keep (at least {@code minFree} %) and shrinks it to
 * (at most {@code maxFree} %) after a concurrent cycle, and how long after its last look at the whole heap it starts a
 * cycle of its own ({@code periodicMillis}, 0: never). All three are manageable flags: the running JVM takes a new
 * value at once (JEP 346 for the periodic collection).
 */
record HeapPolicy(int minFree, int maxFree, long periodicMillis) {

    static final String MIN_FREE = "MinHeapFreeRatio";
    static final String MAX_FREE = "MaxHeapFreeRatio";
    static final String PERIODIC = "G1PeriodicGCInterval";

    /** G1's own choice: a heap with room to grow under load, no collection for the sake of returning memory. */
    static final HeapPolicy UNDER_LOAD = new HeapPolicy(40, 70, 0);

    /** The flags the JVM runs with now. */
    static HeapPolicy current(VmOptions vm) {
        return new HeapPolicy(
                Integer.parseInt(vm.get(MIN_FREE)),
                Integer.parseInt(vm.get(MAX_FREE)),
                Long.parseLong(vm.get(PERIODIC)));
    }

    /**
     * Sets the three flags. The JVM refuses a minimum above the maximum at every step, so a policy that raises the
     * minimum above the maximum in force sets the maximum first.
     */
    void apply(VmOptions vm) {
        if (minFree > Integer.parseInt(vm.get(MAX_FREE))) {
            vm.set(MAX_FREE, Integer.toString(maxFree));
            vm.set(MIN_FREE, Integer.toString(minFree));
        } else {
            vm.set(MIN_FREE, Integer.toString(minFree));
            vm.set(MAX_FREE, Integer.toString(maxFree));
        }
        vm.set(PERIODIC, Long.toString(periodicMillis));
    }
}
