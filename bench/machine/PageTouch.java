import java.util.Locale;

/**
 * What this machine charges for touching memory a process has not touched for a while (bench/RESULTS.md, session 49):
 * 256 MB touched once, then one byte per 4 KB page read after sleeps of 0 to 2 s, in microseconds per page. On the
 * "expensive" days of sessions 47-49 a page untouched for a second cost 4-8 us (0.06 right after a touch); on 2 MB
 * pages (-XX:+UseTransparentHugePages) 0.1-0.3. A JVM's young generation and its periodic tasks are such memory.
 *
 * <p>Run by bench/machine.sh; java PageTouch.java [MB]. Bounded: 256 MB, ~4 s.
 */
public class PageTouch {
    public static void main(String[] args) throws Exception {
        int mb = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        byte[][] memory = new byte[mb][];
        for (int i = 0; i < mb; i++) memory[i] = new byte[1 << 20];
        long sum = 0;
        StringBuilder line = new StringBuilder();
        long[] sleeps = {0, 0, 100, 1000, 2000}; // the first pass warms the loop up and is not reported
        for (int pass = 0; pass < sleeps.length; pass++) {
            long sleep = sleeps[pass];
            Thread.sleep(sleep);
            long t0 = System.nanoTime();
            for (byte[] block : memory) {
                for (int j = 0; j < block.length; j += 4096) sum += block[j];
            }
            double perPage = (System.nanoTime() - t0) / 1e3 / (mb * 256.0);
            if (pass > 0) line.append(String.format(Locale.ROOT, " after_%dms=%.2f", sleep, perPage));
        }
        System.out.println("us per 4 KB page touched:" + line + (sum == 42 ? " " : "")); // sum: the reads are kept
    }
}
