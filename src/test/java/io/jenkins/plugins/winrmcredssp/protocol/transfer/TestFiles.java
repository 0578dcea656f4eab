package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

/** Deterministic test content and hashing. */
final class TestFiles {
    private TestFiles() {
    }

    /** Writes {@code size} pseudo-random bytes (xorshift from {@code seed}), streaming. */
    static Path generate(Path file, long size, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] buffer = new byte[1 << 20];
        long x = seed | 1;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0;) {
                int n = (int) Math.min(buffer.length, left);
                for (int i = 0; i < n; i += 8) {
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                    for (int j = 0; j < 8 && i + j < n; j++) {
                        buffer[i + j] = (byte) (x >>> (8 * j));
                    }
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest sha = FileTransfer.sha256();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Files below {@code dir} whose name marks them as the agents' temporary files. */
    static long tempFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> p.getFileName().toString().startsWith(".wct-")).count();
        }
    }
}
