package io.jenkins.plugins.winrmcredssp.bench;

import com.sun.management.OperatingSystemMXBean;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * End-to-end benchmark of {@link WinRmCredSspClient} (CredSSP over HTTP with message encryption) against a WinRM
 * service in another process; not a unit test. Run by {@code scripts/bench.sh}, which also runs the pywinrm side and
 * prints the comparison table.
 *
 * <p>{@code EndToEndBenchmark <endpoint> <DOMAIN\\user> [key=value...]} with the password in {@code $WINRM_PASSWORD};
 * keys: {@code runs} (session set-ups, default 10), {@code setupWarmup} (untimed set-ups between the first one,
 * reported on its own as the cold figure, and the measured ones; 20), {@code commands} (short commands per mode,
 * 100), {@code commandWarmup} (untimed commands on the reused shell between its first {@code commands}, reported on
 * their own, and the measured ones; 500), {@code streamMb} (MB of 10^6 bytes of output per streaming run, 1000 =
 * 1 GB), {@code streamRuns} (3), {@code tlsMb} (reference volume, 256). Prints one {@code key=value} line per figure
 * (times in ms, rates in MB/s of 10^6 bytes, CPU in ms per MB).
 */
public final class EndToEndBenchmark {
    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchTarget target = BenchTarget.fromArgs("EndToEndBenchmark", args);
        int runs = (int) target.option("runs", 10);
        int setupWarmup = (int) target.option("setupWarmup", 20);
        int commands = (int) target.option("commands", 100);
        int commandWarmup = (int) target.option("commandWarmup", 500);
        long streamBytes = target.option("streamMb", 1000) * 1_000_000L;
        int streamRuns = (int) target.option("streamRuns", 3);
        long tlsBytes = target.option("tlsMb", 256) * 1_000_000L;
        Bench bench = new Bench(target);

        // the first session of the JVM pays class loading and interpretation of the whole handshake path: reported
        // apart, then untimed sessions so the JIT has compiled that path before the measured ones
        System.out.printf(Locale.ROOT, "setup_first_ms=%.2f%n", bench.setUp()[0]);
        for (int i = 0; i < setupWarmup; i++) {
            bench.setUp();
        }
        double[] setup = new double[runs];
        double[] legs = new double[runs];
        for (int i = 0; i < runs; i++) {
            double[] sample = bench.setUp();
            setup[i] = sample[0];
            legs[i] = sample[1];
        }
        print("setup_ms", Stats.of(setup));
        print("setup_legs", Stats.of(legs));

        try (WinRmCredSspClient client = bench.connect()) {
            // the first commands of the JVM, then more untimed ones until the JIT has compiled the request path
            print("cmd_reuse_first_ms", Stats.of(bench.reuse(client, commands)));
            bench.reuse(client, commandWarmup);
            print("cmd_reuse_ms", Stats.of(bench.reuse(client, commands)));
            bench.fresh(client, Math.max(1, commands / 4));
            print("cmd_newshell_ms", Stats.of(bench.fresh(client, commands)));
            double[] mbps = new double[streamRuns];
            double[] cpu = new double[streamRuns];
            long peak = 0;
            for (int i = 0; i < streamRuns; i++) {
                double[] sample = bench.stream(client, streamBytes);
                mbps[i] = sample[0];
                cpu[i] = sample[1];
                peak = Math.max(peak, (long) sample[2]);
            }
            print("stream_mbps", Stats.of(mbps));
            print("stream_cpu_ms_per_mb", Stats.of(cpu));
            System.out.println("stream_mb=" + streamBytes / 1_000_000);
            System.out.printf(Locale.ROOT, "peak_heap_mb=%.1f%n", peak / 1e6);
            System.out.printf(Locale.ROOT, "max_heap_mb=%.1f%n", Runtime.getRuntime().maxMemory() / 1e6);
        }
        double[] tls = new double[3];
        for (int i = 0; i < tls.length; i++) {
            tls[i] = TlsReference.throughput(tlsBytes);
        }
        print("tls_ref_mbps", Stats.of(tls));
    }

    private static void print(String key, Stats stats) {
        System.out.println(key + "=" + stats.describe());
    }

    private static final class Bench {
        private final BenchTarget target;
        private final OperatingSystemMXBean os =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        Bench(BenchTarget target) {
            this.target = target;
        }

        WinRmCredSspClient connect() throws IOException {
            return target.connect(Duration.ofSeconds(5));
        }

        /** {ms from a new client to its first open shell, HTTP legs of the CredSSP handshake}. */
        double[] setUp() throws IOException {
            long start = System.nanoTime();
            try (WinRmCredSspClient client = connect(); WinRmShell shell = client.openShell(ShellOptions.defaults())) {
                double ms = (System.nanoTime() - start) / 1e6;
                int legs = client.sessionInfo().orElseThrow().httpLegs();
                return new double[] {ms, legs};
            }
        }

        double[] reuse(WinRmCredSspClient client, int n) throws IOException {
            double[] ms = new double[n];
            try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
                for (int i = 0; i < n; i++) {
                    long start = System.nanoTime();
                    BenchTarget.check(shell.run("true", List.of(), OutputStream.nullOutputStream(), new ByteArrayOutputStream()));
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
            }
            return ms;
        }

        double[] fresh(WinRmCredSspClient client, int n) throws IOException {
            double[] ms = new double[n];
            for (int i = 0; i < n; i++) {
                long start = System.nanoTime();
                BenchTarget.check(client.run("true", List.of(), OutputStream.nullOutputStream(), new ByteArrayOutputStream()));
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            return ms;
        }

        /** {MB/s, client process CPU ms per MB, peak heap bytes used during the run}. */
        double[] stream(WinRmCredSspClient client, long bytes) throws IOException {
            HeapPeak heap = new HeapPeak();
            heap.reset();
            long[] received = new long[1];
            OutputStream counting = new OutputStream() {
                @Override
                public void write(int b) {
                    received[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    received[0] += len;
                }
            };
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            BenchTarget.check(client.run("head -c " + bytes + " /dev/zero | tr '\\0' x", List.of(), counting,
                    new ByteArrayOutputStream()));
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMs = (os.getProcessCpuTime() - cpu) / 1e6;
            if (received[0] != bytes) {
                throw new IOException("streamed " + received[0] + " bytes, expected " + bytes);
            }
            long peak = heap.bytes();
            double mb = bytes / 1e6;
            return new double[] {mb / seconds, cpuMs / mb, peak};
        }

    }
}
