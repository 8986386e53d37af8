package dev.leakline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof dev.leakline.bench.CpuTimeProfiler}) that reports CPU time per operation
 * next to JMH's wall-clock time: {@code cpu.worker.norm}, the CPU time of the benchmark's own threads
 * (what the application's thread pays in line), and {@code cpu.process.norm}, the CPU time of the whole
 * JVM (adding what JFR's recorder thread spends writing our events to disk, GC and the JIT). Also
 * {@code alloc.worker.norm}, the bytes the benchmark's own threads allocated per operation: unlike JMH's
 * {@code -prof gc}, it leaves out what other threads of the JVM allocate, and unlike time, the load does not move it.
 *
 * <p>Why: on a shared machine the benchmark thread is often descheduled, and wall-clock time then
 * counts time spent waiting for a CPU. CPU time does not, so it stays comparable between a baseline
 * and a variant that ran minutes apart under different load. It still includes slow-downs from other
 * processes sharing caches and cores, so it is a fairer figure, not a perfect one.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    /** JMH names its benchmark threads {@code <benchmark>-jmh-worker-<n>}. */
    private static final String WORKER_NAME = "-jmh-worker-";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long processBefore;
    private Map<Long, Long> workersBefore = Map.of();
    private Map<Long, Long> workersAllocatedBefore = Map.of();

    @Override
    public String getDescription() {
        return "CPU time per operation of the benchmark threads and of the whole JVM";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        workersBefore = workerCpuTimes();
        workersAllocatedBefore = workerAllocatedBytes();
        processBefore = os.getProcessCpuTime();
    }

    @Override
    public List<Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
            IterationResult result) {
        long process = os.getProcessCpuTime() - processBefore;
        long worker = 0;
        for (Map.Entry<Long, Long> e : workerCpuTimes().entrySet()) {
            // A worker started during this iteration had used no CPU before it.
            worker += e.getValue() - workersBefore.getOrDefault(e.getKey(), 0L);
        }
        long allocated = 0;
        for (Map.Entry<Long, Long> e : workerAllocatedBytes().entrySet()) {
            allocated += e.getValue() - workersAllocatedBefore.getOrDefault(e.getKey(), 0L);
        }
        long ops = result.getMetadata().getAllOps();
        if (ops <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult("cpu.worker.norm", (double) worker / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process.norm", (double) process / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("alloc.worker.norm", (double) allocated / ops, "B/op", AggregationPolicy.AVG));
    }

    private Map<Long, Long> workerAllocatedBytes() {
        Map<Long, Long> bytes = new HashMap<>();
        if (!(threads instanceof com.sun.management.ThreadMXBean)) {
            return bytes;
        }
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) threads;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(WORKER_NAME)) {
                long allocated = hotspot.getThreadAllocatedBytes(info.getThreadId());
                if (allocated >= 0) {
                    bytes.put(info.getThreadId(), allocated);
                }
            }
        }
        return bytes;
    }

    private Map<Long, Long> workerCpuTimes() {
        Map<Long, Long> times = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(WORKER_NAME)) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu >= 0) {
                    times.put(info.getThreadId(), cpu);
                }
            }
        }
        return times;
    }
}
