/**
 * A Java agent that stands in for a host where an idle JVM costs more CPU (bench/RESULTS.md, session 49: 5-14 % of a
 * core idle when touching memory left alone for a second is slow): one daemon thread that spins the given share of a
 * core (default 0.1) and allocates nothing. Loaded into a running appliance by bench/memory/switch.sh.
 */
public final class HostCost {

    static volatile long sink;

    private HostCost() {}

    public static void agentmain(String args) {
        double share = args == null || args.isBlank() ? 0.1 : Double.parseDouble(args);
        Thread spinner = new Thread(
                () -> {
                    long x = 1;
                    while (!Thread.currentThread().isInterrupted()) {
                        long end = System.nanoTime() + (long) (share * 100_000_000L);
                        while (System.nanoTime() < end) {
                            for (int i = 0; i < 1000; i++) x = x * 6364136223846793005L + 1;
                        }
                        sink = x;
                        try {
                            Thread.sleep((long) ((1 - share) * 100));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                "host-cost-stand-in");
        spinner.setDaemon(true);
        spinner.start();
    }
}
