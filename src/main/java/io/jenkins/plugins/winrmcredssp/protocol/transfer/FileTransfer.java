package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException.Reason;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.FileTransferException.Stage;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.CommandAbortedException;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.RunningCommand;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Copies files to and from a remote host through <b>one</b> agent process per transfer in a {@link WinRmShell}:
 * the client streams a framed protocol over the agent's stdin (one Send per {@code chunkSize} bytes) and reads its
 * answers from stdout. Memory stays bounded on both ends (files are streamed, never held whole); every file is
 * written to a temporary name in its destination directory, verified (size and SHA-256) and renamed over the final
 * name, so no half-written file ever appears under a final name.
 *
 * <pre>{@code
 * try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
 *     TransferResult result = FileTransfer.upload(shell,
 *             UploadRequest.tree(Path.of("build/out"), "\\\\files01\\releases\\app")
 *             .overwrite(OverwritePolicy.IF_CHANGED).listener(progress).build());
 * }
 * }</pre>
 *
 * <h2>Agents</h2>
 * {@link RemotePlatform#WINDOWS} runs {@code agent.ps1} (Windows PowerShell, local and UNC paths),
 * {@link RemotePlatform#POSIX} runs {@code agent.py} (python3; the local test service). Both implement the protocol
 * below identically. The command line only starts a constant bootstrap; stdin first carries the agent script as
 * {@code <decimal byte count>\n<UTF-8 script>}, then the frames.
 *
 * <h2>Frames</h2>
 * Every frame, both ways: one type byte (ASCII letter), payload length (4 bytes, big-endian, unsigned, at most
 * 16 MiB), payload. Text payloads are UTF-8; fields are separated by tab, records by line feed.
 * <table>
 * <caption>Frame types</caption>
 * <tr><th>type</th><th>direction</th><th>payload</th></tr>
 * <tr><td>V</td><td>agent→client</td><td>greeting {@code winrm-credssp-transfer 1}, always the first frame</td></tr>
 * <tr><td>U</td><td>client→agent</td><td>upload manifest: header {@code 1 \t POLICY \t remoteRoot}, then one record
 *     per entry {@code F|D \t size \t sha256hex or - \t relative/path}</td></tr>
 * <tr><td>N</td><td>agent→client</td><td>one decision per entry, in order: {@code SEND}, {@code SKIP_UNCHANGED},
 *     {@code SKIP_EXISTING} or {@code DIR}</td></tr>
 * <tr><td>B</td><td>client→agent</td><td>begin file: entry index (decimal)</td></tr>
 * <tr><td>C</td><td>both</td><td>file bytes</td></tr>
 * <tr><td>E</td><td>both</td><td>end of file: upload {@code size \t sha256hex}; download {@code sha256hex}</td></tr>
 * <tr><td>A</td><td>client→agent</td><td>abandon the current file (the agent deletes its temporary file)</td></tr>
 * <tr><td>P / K</td><td>client→agent / agent→client</td><td>ping / pong with the same sequence number</td></tr>
 * <tr><td>Q</td><td>client→agent</td><td>end of upload</td></tr>
 * <tr><td>R</td><td>agent→client</td><td>results: {@code index \t COPIED|DIRECTORY \t size \t sha256hex} per
 *     record</td></tr>
 * <tr><td>G</td><td>client→agent</td><td>download: the remote path</td></tr>
 * <tr><td>S</td><td>agent→client</td><td>download: the file's size</td></tr>
 * <tr><td>X</td><td>agent→client</td><td>error {@code REASON \t index \t path \t message}; the agent then discards
 *     stdin until it ends and exits 1 (2 for protocol errors)</td></tr>
 * <tr><td>Z</td><td>agent→client</td><td>done; the agent exits 0</td></tr>
 * </table>
 *
 * <h2>Upload conversation</h2>
 * <ol>
 * <li>client: bootstrap script, {@code U}. Agent: {@code V}, {@code N} after hashing existing destination files
 *     where the policy is {@link OverwritePolicy#IF_CHANGED} (one round trip however many files are skipped).</li>
 * <li>Agent creates the {@code DIR} entries. Client, for each {@code SEND} entry: {@code B}, {@code C}..., {@code E}
 *     (size and SHA-256 computed while reading). The agent writes to {@code .wct-<random>.tmp} beside the target,
 *     verifies, then renames over the final name (POSIX {@code rename}, Windows {@code File.Replace}/{@code Move}).
 *     Every {@link UploadRequest#window()} bytes the client sends {@code P n} and then waits for {@code K n-1}: the
 *     agent stays at most two windows behind, and an error frame is noticed within that distance. The agent writes
 *     nothing else during this phase, so its stdout can never fill while the client only sends.</li>
 * <li>Client: {@code Q}, end of stdin. Agent: {@code R}, {@code Z}, exit 0.</li>
 * </ol>
 * If a source file changes while read (its size differs from the manifest's, or with
 * {@link OverwritePolicy#IF_CHANGED} its SHA-256), the client sends {@code A}, {@code Q} and throws
 * {@link Reason#SOURCE_CHANGED}. On interrupt between Sends the client sends {@code A} and ends stdin (the agent
 * deletes its temporary file), then terminates the command and deletes the shell; a {@link WinRmShell#cancel()} or
 * an interrupt during an exchange terminates at once (the temporary file may then stay behind, never the final
 * name).
 *
 * <h2>Download conversation</h2>
 * Client: bootstrap, {@code G path}, end of stdin. Agent: {@code V}, {@code S size}, {@code C}..., {@code E sha256},
 * {@code Z}. The client writes a temporary file beside the local target, verifies and moves it into place.
 */
public final class FileTransfer {
    private FileTransfer() {
    }

    /**
     * Uploads the request's files in one agent process in {@code shell} (which stays open, unless the transfer is
     * aborted: then it is deleted).
     *
     * @throws FileTransferException what failed, where, and the remote error text; files finished before stay
     */
    public static TransferResult upload(WinRmShell shell, UploadRequest request) throws IOException {
        long started = System.nanoTime();
        List<Upload.Entry> entries = Upload.entries(request);
        try (RunningCommand command = shell.start(request.platform().command())) {
            Upload upload = new Upload(shell, new AgentSession(command, request.chunkSize()), request, entries);
            try {
                List<FileResult> files = upload.run();
                return new TransferResult(files, upload.bytesSent(), Duration.ofNanos(System.nanoTime() - started));
            } catch (CommandAbortedException e) {
                throw aborted(upload.currentPath(), e);
            }
        } catch (CommandAbortedException e) {
            throw aborted(null, e);
        }
    }

    /** Downloads one remote file, verified with SHA-256, to a local path (temporary file, then atomic move). */
    public static TransferResult download(WinRmShell shell, DownloadRequest request) throws IOException {
        long started = System.nanoTime();
        Path target = request.localFile().toAbsolutePath();
        Path directory = target.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new FileTransferException(Stage.WRITE, Reason.NOT_FOUND, request.remotePath(), null,
                    "local directory " + directory + " does not exist");
        }
        try (RunningCommand command = shell.start(request.platform().command())) {
            AgentSession agent = new AgentSession(command, UploadRequest.DEFAULT_CHUNK_SIZE);
            byte[] preamble = request.platform().stdinPreamble();
            agent.write(preamble, 0, preamble.length);
            agent.frame(TransferFrame.GET, request.remotePath());
            agent.flush(true);
            FileResult file = receiveFile(shell, agent, request, target, directory);
            int exit = agent.awaitExit();
            if (exit != 0) {
                throw new FileTransferException(Stage.TRANSFER, Reason.PROTOCOL, request.remotePath(),
                        agent.stderrText(), "the agent exited with " + exit + " after sending the file");
            }
            return new TransferResult(List.of(file), file.size(), Duration.ofNanos(System.nanoTime() - started));
        } catch (CommandAbortedException e) {
            throw aborted(request.remotePath(), e);
        }
    }

    private static FileResult receiveFile(WinRmShell shell, AgentSession agent, DownloadRequest request, Path target,
            Path directory) throws IOException {
        String remotePath = request.remotePath();
        TransferFrame first = expect(agent, TransferFrame.SIZE, Stage.MANIFEST, remotePath);
        long size = parseLong(first.text(), "download size");
        MessageDigest sha = sha256();
        long count = 0;
        String verified;
        Path temp = Files.createTempFile(directory, ".wct-", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                while (true) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw stopNow(shell, null, remotePath);
                    }
                    TransferFrame frame = agent.next();
                    if (frame.type() == TransferFrame.CHUNK) {
                        count += frame.payload().length;
                        if (count > size) {
                            throw new FileTransferException(Stage.TRANSFER, Reason.VERIFICATION_FAILED, remotePath,
                                    null, "the agent sent more than the announced " + size + " bytes");
                        }
                        out.write(frame.payload());
                        sha.update(frame.payload());
                        request.listener().progress(0, 1, count, size);
                    } else if (frame.type() == TransferFrame.END) {
                        String hex = HexFormat.of().formatHex(sha.digest());
                        if (count != size || !hex.equals(frame.text())) {
                            throw new FileTransferException(Stage.TRANSFER, Reason.VERIFICATION_FAILED, remotePath,
                                    null, "received " + count + " bytes with SHA-256 " + hex + ", the agent announced "
                                    + size + " bytes with " + frame.text());
                        }
                        verified = hex;
                        break;
                    } else {
                        throw unexpected(agent, frame, Stage.TRANSFER, remotePath);
                    }
                }
            } catch (IOException e) {
                if (e instanceof FileTransferException || e instanceof CommandAbortedException) {
                    throw e;
                }
                throw new FileTransferException(Stage.WRITE, localReason(e), remotePath,
                        "cannot write " + temp + ": " + e, e);
            }
            expect(agent, TransferFrame.DONE, Stage.TRANSFER, remotePath);
            moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        FileResult result = new FileResult(target.getFileName().toString(), remotePath, FileOutcome.COPIED, size,
                verified);
        request.listener().fileDone(result);
        return result;
    }

    static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Reason localReason(IOException e) {
        String text = String.valueOf(e.getMessage());
        if (e instanceof java.nio.file.AccessDeniedException) {
            return Reason.PERMISSION_DENIED;
        }
        if (e instanceof NoSuchFileException) {
            return Reason.NOT_FOUND;
        }
        if (text.contains("No space left")) {
            return Reason.DISK_FULL;
        }
        if (text.contains("File name too long")) {
            return Reason.PATH_TOO_LONG;
        }
        return Reason.IO_ERROR;
    }

    /** The next frame, which must be {@code type}; an agent error frame becomes its typed exception. */
    static TransferFrame expect(AgentSession agent, byte type, Stage stage, String path) throws IOException {
        TransferFrame frame = agent.next();
        if (frame.type() != type) {
            throw unexpected(agent, frame, stage, path);
        }
        return frame;
    }

    /** An error frame as its exception (after letting the agent finish), or a protocol error for anything else. */
    static FileTransferException unexpected(AgentSession agent, TransferFrame frame, Stage stage, String path) {
        if (frame.type() != TransferFrame.ERROR) {
            return FrameDecoder.malformed("unexpected frame '" + frame.typeChar() + "' from the agent"
                    + (path == null ? "" : " while handling " + path));
        }
        String[] fields = frame.text().split("\t", 4);
        Reason reason = Reason.fromAgent(fields[0]);
        String where = fields.length > 2 && !fields[2].isEmpty() ? fields[2] : path;
        String message = fields.length > 3 ? fields[3] : frame.text();
        FileTransferException failure = new FileTransferException(reason == Reason.PROTOCOL ? Stage.TRANSFER : stage,
                reason, where, message, "the agent reported " + reason);
        try {
            agent.flush(true);
            agent.awaitExit();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        return failure;
    }

    /**
     * Interrupted: delete the shell (which ends the agent) and keep the thread's interrupt status. With
     * {@code abandoning}, between two Sends of an upload, the agent is first told to drop its temporary file and its
     * stdin ends; without, while receiving, it is terminated right away.
     */
    static FileTransferException stopNow(WinRmShell shell, AgentSession abandoning, String path) {
        boolean interrupted = Thread.interrupted();
        FileTransferException failure = new FileTransferException(Stage.TRANSFER, Reason.ABORTED, path, null,
                "interrupted; the agent was " + (abandoning == null ? "terminated" : "stopped")
                + " and the shell deleted");
        if (abandoning != null) {
            try {
                abandoning.frame(TransferFrame.ABANDON, "");
                abandoning.flush(true);
                abandoning.awaitExit();
            } catch (IOException | RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        try {
            shell.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    static FileTransferException aborted(String path, CommandAbortedException cause) {
        return new FileTransferException(Stage.TRANSFER, Reason.ABORTED, path,
                cause.getMessage() + "; the agent was terminated and the shell deleted", cause);
    }

    static long parseLong(String text, String what) throws FileTransferException {
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0) {
                throw new NumberFormatException("negative");
            }
            return value;
        } catch (NumberFormatException e) {
            throw FrameDecoder.malformed("the agent sent '" + text + "' as the " + what);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
