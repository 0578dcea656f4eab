package io.jenkins.plugins.winrmcredssp.bench;

import com.sun.management.OperatingSystemMXBean;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.cli.demo.DemoWinRmService;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.DownloadRequest;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileOutcome;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransfer;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.OverwritePolicy;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.RemotePlatform;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.TransferListener;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.TransferResult;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.UploadRequest;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.AuthMechanism;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmConnection;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * File transfer benchmark (not a unit test): uploads one large file and many small ones through
 * {@link FileTransfer} (CredSSP over HTTP with message encryption) to {@link DemoWinRmService}, which it starts in its
 * own JVM, with the POSIX agent; then an unchanged re-run with {@link OverwritePolicy#IF_CHANGED} and a download of
 * the large file. Run by {@code scripts/bench-transfer.sh}.
 *
 * <p>{@code TransferBenchmark [key=value...]}: {@code bigMb} (MB of the large file, 200), {@code smallFiles} (2000),
 * {@code smallBytes} (bytes per small file, 4096), {@code runs} (3), {@code chunkKb} (stdin KiB per Send, a comma
 * list to compare several, 192). Prints one {@code key=value} line per figure: rates in MB/s of 10^6 bytes, client CPU
 * in ms per MB, peak heap of the client JVM during the runs.
 */
public final class TransferBenchmark {
    private static final String USER = "BENCH\\transfer";

    private TransferBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            options.put(kv[0], kv[1]);
        }
        long bigBytes = Long.parseLong(options.getOrDefault("bigMb", "200")) * 1_000_000L;
        int smallFiles = Integer.parseInt(options.getOrDefault("smallFiles", "2000"));
        int smallBytes = Integer.parseInt(options.getOrDefault("smallBytes", "4096"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "3"));
        List<Integer> chunks = Stream.of(options.getOrDefault("chunkKb", "192").split(","))
                .map(s -> Integer.parseInt(s.strip()) * 1024).toList();
        String password = "Bench-" + Long.toHexString(new java.security.SecureRandom().nextLong());

        Path work = Files.createTempDirectory("transfer-bench");
        Process service = startService(password);
        try (WinRmCredSspClient client = WinRmCredSspClient.connect(WinRmConnection.builder(serviceUrl(service),
                UserCredentials.parse(USER, password.toCharArray())).mechanism(AuthMechanism.NTLM)
                .operationTimeout(Duration.ofSeconds(5)).build())) {
            Path big = generate(work.resolve("big/big.bin"), bigBytes);
            Path small = work.resolve("small");
            for (int i = 0; i < smallFiles; i++) {
                generate(small.resolve("d" + i % 50 + "/f" + i + ".bin"), smallBytes);
            }
            Bench bench = new Bench(client, work.resolve("dest"));
            System.out.printf(Locale.ROOT, "big_mb=%.0f%nsmall_files=%d%nsmall_bytes=%d%n", bigBytes / 1e6, smallFiles,
                    smallBytes);
            double bigMb = bigBytes / 1e6;
            List<String> bigTree = List.of("big.bin");
            for (int chunk : chunks) {
                String suffix = chunks.size() == 1 ? "" : "_" + chunk / 1024 + "k";
                bench.upload(big.getParent(), bigTree, chunk); // warm-up
                List<double[]> samples = bench.repeat(runs, () -> bench.upload(big.getParent(), bigTree, chunk));
                print("upload_big_mbps" + suffix, rate(samples, bigMb));
                print("upload_big_cpu_ms_per_mb" + suffix, cpuPer(samples, bigMb));
            }
            List<String> smallTree = relativeTree(small);
            int chunk = chunks.get(0);
            List<double[]> samples = bench.repeat(runs, () -> bench.upload(small, smallTree, chunk));
            print("upload_small_files_per_s", rate(samples, smallFiles));
            print("upload_small_mbps", rate(samples, (double) smallFiles * smallBytes / 1e6));
            samples = bench.repeat(runs, () -> bench.unchanged(small, smallTree));
            print("unchanged_small_ms", Stats.of(samples.stream().mapToDouble(x -> x[0] * 1000).toArray()));
            samples = bench.repeat(runs, () -> bench.download(big, work.resolve("down.bin")));
            print("download_big_mbps", rate(samples, bigMb));
            print("download_big_cpu_ms_per_mb", cpuPer(samples, bigMb));
            System.out.printf(Locale.ROOT, "peak_heap_mb=%.1f%n", bench.peakHeap / 1e6);
            System.out.printf(Locale.ROOT, "max_heap_mb=%.1f%n", Runtime.getRuntime().maxMemory() / 1e6);
        } finally {
            service.destroy();
            if (!service.waitFor(10, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Process startService(String password) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                DemoWinRmService.class.getName(), USER).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("WINRM_PASSWORD", password);
        return builder.start();
    }

    private static URI serviceUrl(Process service) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
        URI url = null;
        for (String line; (line = lines.readLine()) != null;) {
            if (line.startsWith("http=")) {
                url = URI.create(line.substring(5));
            } else if (line.equals("ready")) {
                Thread drain = new Thread(() -> {
                    try {
                        lines.transferTo(java.io.Writer.nullWriter());
                    } catch (IOException ignored) {
                        // the service is gone
                    }
                }, "bench-service-output");
                drain.setDaemon(true);
                drain.start();
                return url;
            }
        }
        throw new IOException("the demo service exited before it was ready");
    }

    private static Path generate(Path file, long size) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] block = new byte[64 * 1024];
        long x = file.hashCode() | 1L;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                    block[i] = (byte) (x >>> 56);
                }
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        return file;
    }

    private static List<String> relativeTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    private static void print(String key, Stats stats) {
        System.out.println(key + "=" + stats.describe());
    }

    /** Units per second of each {seconds, CPU ms} sample. */
    private static Stats rate(List<double[]> samples, double units) {
        return Stats.of(samples.stream().mapToDouble(x -> units / x[0]).toArray());
    }

    private static Stats cpuPer(List<double[]> samples, double units) {
        return Stats.of(samples.stream().mapToDouble(x -> x[1] / units).toArray());
    }

    @FunctionalInterface
    private interface Sample {
        void run() throws IOException;
    }

    private static final class Bench {
        private final WinRmCredSspClient client;
        private final Path dest;
        private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        private final HeapPeak heap = new HeapPeak();
        long peakHeap;

        Bench(WinRmCredSspClient client, Path dest) {
            this.client = client;
            this.dest = dest;
        }

        /** {@code runs} samples of {wall-clock seconds, client CPU ms}; tracks the peak heap. */
        List<double[]> repeat(int runs, Sample sample) throws IOException {
            List<double[]> out = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                heap.reset();
                long cpu = os.getProcessCpuTime();
                long start = System.nanoTime();
                sample.run();
                out.add(new double[] {(System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e6});
                peakHeap = Math.max(peakHeap, heap.bytes());
            }
            return out;
        }

        /** A fresh upload (ALWAYS) to an emptied destination, in a new shell. */
        void upload(Path root, List<String> tree, int chunk) throws IOException {
            clear();
            TransferResult result = transfer(UploadRequest.builder(root, tree, dest.toString()).chunkSize(chunk));
            if (result.withOutcome(FileOutcome.COPIED).size() != tree.size()) {
                throw new IOException("not every file was copied");
            }
        }

        /** An IF_CHANGED re-run where nothing changed: one manifest round trip, the agent hashes every file. */
        void unchanged(Path root, List<String> tree) throws IOException {
            TransferResult result = transfer(UploadRequest.builder(root, tree, dest.toString())
                    .overwrite(OverwritePolicy.IF_CHANGED));
            if (result.withOutcome(FileOutcome.SKIPPED_UNCHANGED).size() != tree.size()) {
                throw new IOException("expected every file to be skipped");
            }
        }

        void download(Path remote, Path local) throws IOException {
            try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
                FileTransfer.download(shell, new DownloadRequest(remote.toString(), local, RemotePlatform.POSIX,
                        TransferListener.NONE));
            }
        }

        private TransferResult transfer(UploadRequest.Builder request) throws IOException {
            try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
                return FileTransfer.upload(shell, request.platform(RemotePlatform.POSIX).build());
            }
        }

        private void clear() throws IOException {
            if (Files.exists(dest)) {
                try (Stream<Path> all = Files.walk(dest)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }
}
