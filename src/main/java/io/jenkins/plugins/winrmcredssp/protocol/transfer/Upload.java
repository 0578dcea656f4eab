package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException.Reason;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException.Stage;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The client side of one upload conversation (see {@link FileTransfer}). */
final class Upload {
    private static final String NO_HASH = "-";

    /** One manifest entry; {@code sha256} is {@value #NO_HASH} unless the policy needs it up front. */
    record Entry(String relativePath, Path local, boolean directory, long size, String sha256, String remotePath) {
    }

    private final WinRmShell shell;
    private final AgentSession agent;
    private final UploadRequest request;
    private final List<Entry> entries;
    private final byte[] readBuffer;
    private long bytesSent;
    private long bytesTotal;
    private int filesDone;
    private int filesTotal;
    private long sinceLastPing;
    private int pingsSent;
    private int pongsSeen;
    private String currentPath;

    Upload(WinRmShell shell, AgentSession agent, UploadRequest request, List<Entry> entries) {
        this.shell = shell;
        this.agent = agent;
        this.request = request;
        this.entries = entries;
        this.readBuffer = new byte[request.chunkSize() - TransferFrame.HEADER];
    }

    /**
     * Validates the paths and stats (and, for {@link OverwritePolicy#IF_CHANGED}, hashes) the local files; symbolic
     * links are followed (the target's content is copied).
     */
    static List<Entry> entries(UploadRequest request) throws IOException {
        RelativePaths.checkRoot(request.remoteRoot());
        List<Entry> out = new ArrayList<>();
        for (String rel : request.relativePaths()) {
            RelativePaths.check(request.platform(), rel);
            Path local = request.localRoot().resolve(rel);
            String remote = RelativePaths.join(request.platform(), request.remoteRoot(), rel);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(local, BasicFileAttributes.class);
            } catch (IOException e) {
                throw localFailure(local, remote, e);
            }
            if (attributes.isDirectory()) {
                out.add(new Entry(rel, local, true, 0, NO_HASH, remote));
            } else if (attributes.isRegularFile()) {
                String sha = request.overwrite() == OverwritePolicy.IF_CHANGED ? hash(local, remote) : NO_HASH;
                out.add(new Entry(rel, local, false, attributes.size(), sha, remote));
            } else {
                throw new FileTransferException(Stage.READ_LOCAL, Reason.IO_ERROR, remote, null,
                        "local " + local + " is neither a regular file nor a directory");
            }
        }
        return out;
    }

    private static String hash(Path local, String remote) throws FileTransferException {
        MessageDigest sha = FileTransfer.sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(local)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw localFailure(local, remote, e);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    String manifest() {
        StringBuilder text = new StringBuilder("1\t").append(request.overwrite().name()).append('\t')
                .append(request.remoteRoot());
        for (Entry e : entries) {
            text.append('\n').append(e.directory() ? 'D' : 'F').append('\t').append(e.size()).append('\t')
                    .append(e.sha256()).append('\t').append(e.relativePath());
        }
        return text.toString();
    }

    long bytesSent() {
        return bytesSent;
    }

    /** The remote path being sent, for error reports. */
    String currentPath() {
        return currentPath;
    }

    List<FileResult> run() throws IOException {
        byte[] preamble = request.platform().stdinPreamble();
        agent.write(preamble, 0, preamble.length);
        agent.frame(TransferFrame.UPLOAD, manifest());
        agent.flush(false);
        List<String> decisions = decisions(FileTransfer.expect(agent, TransferFrame.NEEDS, Stage.MANIFEST, null));
        for (int i = 0; i < entries.size(); i++) {
            if ("SEND".equals(decisions.get(i))) {
                filesTotal++;
                bytesTotal += entries.get(i).size();
            }
        }
        try {
            request.listener().started(filesTotal, bytesTotal);
            for (int i = 0; i < entries.size(); i++) {
                if ("SEND".equals(decisions.get(i))) {
                    sendFile(i);
                }
            }
        } catch (RuntimeException e) {
            // e.g. from the listener: let the agent remove its temporary file before the command is terminated
            finishQuietly(e);
            throw e;
        }
        currentPath = null;
        agent.frame(TransferFrame.QUIT, "");
        agent.flush(true);
        TransferFrame results = agent.next();
        while (results.type() == TransferFrame.PONG) {
            results = agent.next();
        }
        if (results.type() != TransferFrame.RESULT) {
            throw FileTransfer.unexpected(agent, results, Stage.WRITE, null);
        }
        FileTransfer.expect(agent, TransferFrame.DONE, Stage.WRITE, null);
        int exit = agent.awaitExit();
        if (exit != 0) {
            throw new FileTransferException(Stage.TRANSFER, Reason.PROTOCOL, null, agent.stderrText(),
                    "the agent exited with " + exit + " after reporting success");
        }
        return results(decisions, results);
    }

    List<String> decisions(TransferFrame needs) throws FileTransferException {
        List<String> decisions = entries.isEmpty() ? List.of() : List.of(needs.text().split("\n", -1));
        if (decisions.size() != entries.size()) {
            throw FrameDecoder.malformed("the agent answered " + decisions.size() + " decisions for "
                    + entries.size() + " manifest entries");
        }
        for (int i = 0; i < decisions.size(); i++) {
            String d = decisions.get(i);
            boolean directory = entries.get(i).directory();
            boolean fits = switch (d) {
                case "DIR" -> directory;
                case "SEND" -> !directory;
                case "SKIP_UNCHANGED" -> !directory && request.overwrite() == OverwritePolicy.IF_CHANGED;
                case "SKIP_EXISTING" -> !directory && request.overwrite() == OverwritePolicy.NEVER;
                default -> false;
            };
            if (!fits) {
                throw FrameDecoder.malformed("decision '" + d + "' from the agent does not fit entry " + i + " ("
                        + entries.get(i).remotePath() + ", policy " + request.overwrite() + ")");
            }
        }
        return decisions;
    }

    private void sendFile(int index) throws IOException {
        Entry entry = entries.get(index);
        currentPath = entry.remotePath();
        checkInterrupted();
        agent.frame(TransferFrame.BEGIN, Integer.toString(index));
        MessageDigest sha = FileTransfer.sha256();
        long count = 0;
        InputStream in = openLocal(entry);
        try (in) {
            for (int n; (n = readLocal(in, entry)) > 0;) {
                count += n;
                if (count > entry.size()) {
                    break;
                }
                sha.update(readBuffer, 0, n);
                agent.frame(TransferFrame.CHUNK, readBuffer, 0, n);
                bytesSent += n;
                sinceLastPing += n;
                request.listener().progress(filesDone, filesTotal, bytesSent, bytesTotal);
                checkInterrupted();
                if (sinceLastPing >= request.window()) {
                    ping();
                }
            }
        }
        String hex = HexFormat.of().formatHex(sha.digest());
        if (count != entry.size() || (!NO_HASH.equals(entry.sha256()) && !entry.sha256().equals(hex))) {
            throw abandon(new FileTransferException(Stage.READ_LOCAL, Reason.SOURCE_CHANGED, entry.remotePath(), null,
                    "local " + entry.local() + " changed while it was read (announced " + entry.size()
                    + " bytes" + (NO_HASH.equals(entry.sha256()) ? "" : " with SHA-256 " + entry.sha256())
                    + ", read " + (count > entry.size() ? "more" : count + " bytes with " + hex) + ")"));
        }
        agent.frame(TransferFrame.END, count + "\t" + hex);
        filesDone++;
        request.listener().progress(filesDone, filesTotal, bytesSent, bytesTotal);
    }

    private InputStream openLocal(Entry entry) throws IOException {
        try {
            return Files.newInputStream(entry.local());
        } catch (IOException e) {
            throw abandon(localFailure(entry.local(), entry.remotePath(), e));
        }
    }

    /** Reads the next block of a local file; a failure here (not in sending) is a {@link Stage#READ_LOCAL} error. */
    private int readLocal(InputStream in, Entry entry) throws IOException {
        try {
            return in.read(readBuffer);
        } catch (IOException e) {
            throw abandon(localFailure(entry.local(), entry.remotePath(), e));
        }
    }

    private static FileTransferException localFailure(Path local, String remote, IOException e) {
        return new FileTransferException(Stage.READ_LOCAL, FileTransfer.localReason(e), remote,
                "cannot read local " + local + ": " + e, e);
    }

    /** Sends ping n and waits for pong n-1, so the agent is at most two windows behind and its errors surface. */
    private void ping() throws IOException {
        sinceLastPing = 0;
        agent.frame(TransferFrame.PING, Integer.toString(++pingsSent));
        agent.flush(false);
        while (pongsSeen < pingsSent - 1) {
            TransferFrame frame = agent.next();
            if (frame.type() != TransferFrame.PONG) {
                throw FileTransfer.unexpected(agent, frame, Stage.WRITE, currentPath);
            }
            pongsSeen = (int) FileTransfer.parseLong(frame.text(), "pong");
        }
    }

    /** The client gives up on the current file: the agent deletes its temporary file and finishes. */
    private FileTransferException abandon(FileTransferException failure) {
        finishQuietly(failure);
        return failure;
    }

    private void finishQuietly(Throwable failure) {
        try {
            agent.frame(TransferFrame.ABANDON, "");
            agent.frame(TransferFrame.QUIT, "");
            agent.flush(true);
            agent.awaitExit();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Interrupted between Sends: see {@link FileTransfer#stopNow}; the interrupt status is kept. */
    private void checkInterrupted() throws FileTransferException {
        if (Thread.currentThread().isInterrupted()) {
            throw FileTransfer.stopNow(shell, agent, currentPath);
        }
    }

    List<FileResult> results(List<String> decisions, TransferFrame frame) throws IOException {
        FileResult[] done = new FileResult[entries.size()];
        String text = frame.text();
        for (String line : text.isEmpty() ? new String[0] : text.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw FrameDecoder.malformed("result record '" + line + "' does not have 4 fields");
            }
            long at = FileTransfer.parseLong(f[0], "result index");
            if (at >= entries.size()) {
                throw FrameDecoder.malformed("result for entry " + at + " of " + entries.size());
            }
            int index = (int) at;
            Entry e = entries.get(index);
            String decision = decisions.get(index);
            FileOutcome outcome = switch (f[1]) {
                case "DIRECTORY" -> "DIR".equals(decision) ? FileOutcome.DIRECTORY : null;
                case "COPIED" -> "SEND".equals(decision) ? FileOutcome.COPIED : null;
                default -> null;
            };
            long size = FileTransfer.parseLong(f[2], "result size");
            if (outcome == null || done[index] != null || outcome == FileOutcome.COPIED && size != e.size()) {
                throw FrameDecoder.malformed("result record '" + line + "' does not fit entry " + index + " ("
                        + e.remotePath() + ", " + decision + ", " + e.size() + " bytes)");
            }
            done[index] = new FileResult(e.relativePath(), e.remotePath(), outcome, size, f[3]);
        }
        List<FileResult> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            FileResult r = switch (decisions.get(i)) {
                case "SKIP_UNCHANGED" -> new FileResult(e.relativePath(), e.remotePath(),
                        FileOutcome.SKIPPED_UNCHANGED, e.size(), e.sha256());
                case "SKIP_EXISTING" -> new FileResult(e.relativePath(), e.remotePath(), FileOutcome.SKIPPED_EXISTING,
                        e.size(), "");
                default -> done[i];
            };
            if (r == null) {
                throw FrameDecoder.malformed("the agent reported no result for " + e.remotePath());
            }
            out.add(r);
            request.listener().fileDone(r);
        }
        return out;
    }
}
