package io.jenkins.plugins.winrmcredssp.bench;

import com.sun.management.OperatingSystemMXBean;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many WinRM sessions at once from one JVM: each of {@code sessions} threads connects with CredSSP, opens a shell,
 * runs {@code true}, closes the shell and the connection, all released together. Not a unit test; run by
 * {@code scripts/bench.sh} in a JVM of its own (so the process figures are this workload's alone).
 *
 * <p>{@code ConcurrentSessionsBenchmark <endpoint> <DOMAIN\\user> [sessions=100] [runs=3]} with the password in
 * {@code $WINRM_PASSWORD}. Prints {@code key=value} lines: wall time of each run (release to the last session closed),
 * each session's time, the client process's CPU time per session (all its threads, GC and JIT included), peak live
 * threads ({@link ThreadMXBean#getPeakThreadCount()} during the run, our {@code sessions} driver threads included),
 * threads started during a run other than the drivers (what the client created), the heap's peak use during a run,
 * and the process's peak resident set ({@code VmHWM}, whole life).
 */
public final class ConcurrentSessionsBenchmark {
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(120);

    private ConcurrentSessionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchTarget target = BenchTarget.fromArgs("ConcurrentSessionsBenchmark", args);
        int sessions = (int) target.option("sessions", 100);
        int runs = (int) target.option("runs", 3);
        Sessions bench = new Sessions(target);
        bench.concurrently(sessions, new double[sessions]); // untimed round: class loading, JIT, the service's too

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        HeapPeak heap = new HeapPeak();
        double[] wall = new double[runs];
        double[] perSession = new double[runs * sessions];
        int peakThreads = 0;
        long clientThreads = 0;
        long peakHeap = 0;
        int liveBefore = threads.getThreadCount();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] cpuPerSession = new double[runs];
        for (int run = 0; run < runs; run++) {
            heap.reset();
            threads.resetPeakThreadCount();
            long startedBefore = threads.getTotalStartedThreadCount();
            double[] ms = new double[sessions];
            long cpu = os.getProcessCpuTime();
            wall[run] = bench.concurrently(sessions, ms);
            cpuPerSession[run] = (os.getProcessCpuTime() - cpu) / 1e6 / sessions;
            System.arraycopy(ms, 0, perSession, run * sessions, sessions);
            peakThreads = Math.max(peakThreads, threads.getPeakThreadCount());
            clientThreads = Math.max(clientThreads, threads.getTotalStartedThreadCount() - startedBefore - sessions);
            peakHeap = Math.max(peakHeap, heap.bytes());
        }
        System.out.println("conc_sessions=" + sessions);
        System.out.println("conc_wall_ms=" + Stats.of(wall).describe());
        System.out.println("conc_session_ms=" + Stats.of(perSession).describe());
        System.out.printf(Locale.ROOT, "conc_sessions_per_s=%.2f%n", sessions / (Stats.of(wall).median() / 1000));
        System.out.println("conc_cpu_ms_per_session=" + Stats.of(cpuPerSession).describe());
        System.out.println("conc_peak_threads=" + peakThreads);
        System.out.println("conc_threads_before=" + liveBefore);
        System.out.println("conc_client_threads=" + clientThreads);
        System.out.printf(Locale.ROOT, "conc_peak_heap_mb=%.1f%n", peakHeap / 1e6);
        System.out.printf(Locale.ROOT, "conc_peak_rss_mb=%.1f%n", peakResidentBytes() / 1e6);
    }

    /** VmHWM of /proc/self/status: the process's peak resident set, in bytes. */
    private static long peakResidentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmHWM in /proc/self/status");
    }

    private static final class Sessions {
        private final BenchTarget target;

        Sessions(BenchTarget target) {
            this.target = target;
        }

        /** One whole session: connect (CredSSP), shell, {@code true}, close. */
        void session() throws IOException {
            try (WinRmCredSspClient client = target.connect(Duration.ofSeconds(20));
                    WinRmShell shell = client.openShell(ShellOptions.defaults())) {
                BenchTarget.check(shell.run("true", List.of(), OutputStream.nullOutputStream(),
                        new ByteArrayOutputStream()));
            }
        }

        /**
         * Runs {@code n} sessions on {@code n} threads released together; fills {@code ms} with each session's time.
         *
         * @return ms from the release to the last session closed
         */
        double concurrently(int n, double[] ms) throws Exception {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            List<Thread> drivers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                Thread t = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        long start = System.nanoTime();
                        session();
                        ms[index] = (System.nanoTime() - start) / 1e6;
                    } catch (Throwable e) {
                        if (!failure.compareAndSet(null, e)) {
                            failure.get().addSuppressed(e);
                        }
                    }
                }, "bench-session-" + i);
                drivers.add(t);
                t.start();
            }
            if (!ready.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the driver threads did not start");
            }
            long start = System.nanoTime();
            go.countDown();
            long deadline = start + SESSION_TIMEOUT.toNanos();
            for (Thread t : drivers) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (t.isAlive()) {
                    throw new IllegalStateException(t.getName() + " still running after " + SESSION_TIMEOUT);
                }
            }
            double wall = (System.nanoTime() - start) / 1e6;
            if (failure.get() != null) {
                throw new IOException(failure.get().getSuppressed().length + 1 + " of " + n
                        + " concurrent sessions failed; the first: " + failure.get(), failure.get());
            }
            return wall;
        }
    }
}
