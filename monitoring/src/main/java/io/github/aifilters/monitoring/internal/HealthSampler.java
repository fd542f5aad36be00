package io.github.aifilters.monitoring.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Samples process health from the platform MX beans: CPU load of this process (0..1), heap used after the last GC
 * (bytes, summed over heap pools; the honest "live set" figure, unlike heap used which saw-tooths), GC pause time
 * since the previous sample (ms) and live threads. A metric the JVM cannot give is left out, never faked.
 * One sampler per monitor, called from the monitoring scheduler only.
 */
public final class HealthSampler {

    public static final String CPU = "process.cpu";
    public static final String HEAP_AFTER_GC = "heap.afterGc";
    public static final String GC_PAUSE = "gc.pause";
    public static final String THREADS = "threads.live";

    private long lastGcMillis = -1;

    public Map<String, Double> sample() {
        Map<String, Double> out = new LinkedHashMap<>();
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            double cpu = sun.getProcessCpuLoad();
            if (cpu >= 0) {
                out.put(CPU, cpu);
            }
        }
        long afterGc = 0;
        boolean any = false;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
                MemoryUsage usage = pool.getCollectionUsage();
                if (usage != null) {
                    afterGc += usage.getUsed();
                    any = true;
                }
            }
        }
        if (any) {
            out.put(HEAP_AFTER_GC, (double) afterGc);
        }
        long gc = 0;
        for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
            long t = bean.getCollectionTime();
            if (t > 0) {
                gc += t;
            }
        }
        if (lastGcMillis >= 0) {
            out.put(GC_PAUSE, (double) Math.max(0, gc - lastGcMillis));
        }
        lastGcMillis = gc;
        out.put(THREADS, (double) ManagementFactory.getThreadMXBean().getThreadCount());
        return out;
    }
}
