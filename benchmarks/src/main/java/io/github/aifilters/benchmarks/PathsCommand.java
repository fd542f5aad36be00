package io.github.aifilters.benchmarks;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;

/**
 * {@code paths [--seconds S] [--rounds R] [--warmup S] [--paths passthrough,classify,...]}: the CPU time and the
 * memory the sample app's five filters add to each kind of request, in process. Two copies of the sample app run in
 * this JVM behind Jetty's {@code LocalConnector} (real HTTP parsing and generation, no socket): one with the filters
 * on, one with the same registrations switched off ({@code enabled=false}). After a warm-up of every path on both,
 * each round measures every path on each side for {@code --seconds}: the process's CPU time (all threads: Jetty's,
 * the client's, the JIT's and the GC's) and the bytes allocated by all threads, divided by the requests served. The
 * client's share is the same on both sides, so on minus off is what the filters cost; the median over the rounds is
 * reported. CPU time, unlike wall time, is little moved by other processes on a shared machine.
 *
 * <p>The paths are {@link SamplePathsBenchmark}'s (JMH gives the same paths' latency and allocation). Last line: a
 * JSON summary, {@code addedCpuMicros} and {@code addedBytes} per path.
 */
final class PathsCommand implements BenchCommand {

    @Override
    public int run(Args args) throws Exception {
        double seconds = Double.parseDouble(args.get("seconds").orElse("3"));
        int rounds = args.integer("rounds", 3);
        double warmup = Double.parseDouble(args.get("warmup").orElse("20"));
        List<SamplePathsBenchmark.Path> paths = new ArrayList<>();
        for (String name : args.get("paths").orElse(String.join(",", names())).split(",")) {
            paths.add(SamplePathsBenchmark.Path.valueOf(name.trim()));
        }
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        Server on = SamplePathsBenchmark.start(true);
        Server off = SamplePathsBenchmark.start(false);
        try {
            LocalConnector onConnector = (LocalConnector) on.getConnectors()[0];
            LocalConnector offConnector = (LocalConnector) off.getConnectors()[0];
            for (SamplePathsBenchmark.Path p : paths) {
                SamplePathsBenchmark.check(onConnector, p, true);
                SamplePathsBenchmark.check(offConnector, p, false);
            }
            long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
            while (System.nanoTime() < warmEnd) {
                for (SamplePathsBenchmark.Path p : paths) {
                    for (int i = 0; i < 50; i++) {
                        onConnector.getResponse(p.request);
                        offConnector.getResponse(p.request);
                    }
                }
            }
            Map<SamplePathsBenchmark.Path, double[][]> cpu = new LinkedHashMap<>();
            Map<SamplePathsBenchmark.Path, double[][]> bytes = new LinkedHashMap<>();
            for (SamplePathsBenchmark.Path p : paths) {
                cpu.put(p, new double[2][rounds]);
                bytes.put(p, new double[2][rounds]);
            }
            for (int r = 0; r < rounds; r++) {
                for (SamplePathsBenchmark.Path p : paths) {
                    long[] counts = new long[2];
                    for (int side = 0; side < 2; side++) {
                        LocalConnector c = side == 0 ? onConnector : offConnector;
                        long[] pool = poolThreads(threads, SamplePathsBenchmark.poolName(side == 0));
                        long cpu0 = cpu(threads, pool);
                        long bytes0 = allocated(threads, pool);
                        long n = 0;
                        long end = System.nanoTime() + (long) (seconds * 1e9);
                        while (System.nanoTime() < end) {
                            for (int i = 0; i < 20; i++) {
                                c.getResponse(p.request);
                            }
                            n += 20;
                        }
                        counts[side] = n;
                        cpu.get(p)[side][r] = (cpu(threads, pool) - cpu0) / 1e3 / n;
                        bytes.get(p)[side][r] = (double) (allocated(threads, pool) - bytes0) / n;
                    }
                    System.out.printf(Locale.ROOT, "round %d %-11s on %7.1f us %8.0f B   off %7.1f us %8.0f B"
                                    + "   (%d + %d requests)%n", r + 1, p, cpu.get(p)[0][r], bytes.get(p)[0][r],
                            cpu.get(p)[1][r], bytes.get(p)[1][r], counts[0], counts[1]);
                }
            }
            StringBuilder json = new StringBuilder("{\"rounds\":").append(rounds).append(",\"secondsPerRun\":")
                    .append(seconds).append(",\"cores\":").append(Runtime.getRuntime().availableProcessors())
                    .append(",\"paths\":{");
            String sep = "";
            for (SamplePathsBenchmark.Path p : paths) {
                double cpuOn = median(cpu.get(p)[0]);
                double cpuOff = median(cpu.get(p)[1]);
                double bytesOn = median(bytes.get(p)[0]);
                double bytesOff = median(bytes.get(p)[1]);
                json.append(sep).append('"').append(p).append("\":{")
                        .append(String.format(Locale.ROOT, "\"addedCpuMicros\":%.1f,\"addedBytes\":%.0f,"
                                        + "\"cpuMicrosOn\":%.1f,\"cpuMicrosOff\":%.1f,\"bytesOn\":%.0f,\"bytesOff\":%.0f}",
                                cpuOn - cpuOff, bytesOn - bytesOff, cpuOn, cpuOff, bytesOn, bytesOff));
                sep = ",";
            }
            System.out.println(json.append("}}"));
            return 0;
        } finally {
            on.stop();
            off.stop();
        }
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (SamplePathsBenchmark.Path p : SamplePathsBenchmark.Path.values()) {
            names.add(p.name());
        }
        return names;
    }

    /** The ids of one server's pool threads (they live for the whole run: the pool keeps idle threads a minute). */
    private static long[] poolThreads(ThreadMXBean threads, String prefix) {
        List<Long> ids = new ArrayList<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                ids.add(info.getThreadId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** CPU time of the server's threads so far, in nanoseconds. */
    private static long cpu(ThreadMXBean threads, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            long t = threads.getThreadCpuTime(id);
            if (t > 0) {
                sum += t;
            }
        }
        return sum;
    }

    /** Bytes allocated so far by the server's threads. */
    private static long allocated(ThreadMXBean threads, long[] ids) {
        long sum = 0;
        for (long b : threads.getThreadAllocatedBytes(ids)) {
            if (b > 0) {
                sum += b;
            }
        }
        return sum;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
