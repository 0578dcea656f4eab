package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import hudson.util.Secret;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.OverwritePolicy;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.RemotePlatform;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.CredSspAuthenticator.DelegatedLogon;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import io.jenkins.plugins.winrmcredssp.runner.CredSspSessionOpener;
import io.jenkins.plugins.winrmcredssp.testsupport.FreePorts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.RandomAccessFile;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent-side copy callable with the production opener (CredSSP over HTTP with message encryption) against the
 * local WinRM service, whose POSIX agent stands in for the Windows one: selection by Ant patterns, the copy itself,
 * log lines, the result list, skipping unchanged files, failures and abort, and what crosses the channel.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WinRmCopyCallableStandInTest {
    private static final String PASSWORD = "C0py-Secr3t!";

    @TempDir
    Path temp;

    private Path workspace;
    private Path destination;
    private LocalWinRmService service;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private TaskListener listener;

    @BeforeEach
    void start() throws Exception {
        service = LocalWinRmService.builder()
                .windowsAuthentication(UserCredentials.parse("EXAMPLE\\alice", PASSWORD.toCharArray())).start();
        listener = new StreamTaskListener(log, StandardCharsets.UTF_8);
        workspace = Files.createDirectories(temp.resolve("workspace"));
        destination = temp.resolve("deploy target");
        write("bin/app.dll", "binary of the app");
        write("bin/app.pdb", "symbols, excluded");
        write("conf/app.config", "<config/>");
        write("docs/read me ünï.txt", "text with spaces and Unicode in the name");
        write(".git/config", "left out by Ant's default excludes");
        Files.createDirectories(workspace.resolve("empty dir"));
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private void write(String relative, String content) throws IOException {
        Path file = workspace.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private WinRmConnectionOptions options() {
        return WinRmConnectionOptions.builder("127.0.0.1").port(service.port())
                .transport(WinRmConnectionOptions.Transport.HTTP).authMechanism(WinRmConnectionOptions.AuthMechanism.NTLM)
                .build();
    }

    private WinRmCopyCallable callable(String includes, String excludes, OverwritePolicy overwrite,
            boolean allowEmpty) {
        return callable(options(), includes, excludes, destination.toString(), overwrite, allowEmpty);
    }

    private WinRmCopyCallable callable(WinRmConnectionOptions options, String includes, String excludes,
            String target, OverwritePolicy overwrite, boolean allowEmpty) {
        return new WinRmCopyCallable(options, new WinRmCopyCallable.Request(includes, excludes, target, overwrite,
                allowEmpty, RemotePlatform.POSIX), "EXAMPLE\\alice", Secret.fromString(PASSWORD), listener,
                new CredSspSessionOpener());
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static String sha256(String content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void copiesTheSelectedFilesAndReportsEachWithItsHash() throws Exception {
        List<DeployedFile> files = new FilePath(workspace.toFile())
                .act(callable("**/*", "**/*.pdb", OverwritePolicy.IF_CHANGED, false));

        assertThat(files).extracting(DeployedFile::path)
                .containsExactly("bin/app.dll", "conf/app.config", "docs/read me ünï.txt");
        assertThat(files).extracting(DeployedFile::outcome).containsOnly("COPIED");
        assertThat(files.get(0).sha256()).isEqualTo(sha256("binary of the app"));
        assertThat(files.get(0).size()).isEqualTo("binary of the app".length());
        assertThat(Path.of(files.get(2).remotePath())).isEqualTo(destination.resolve("docs/read me ünï.txt"));
        assertThat(destination.resolve("docs/read me ünï.txt"))
                .hasContent("text with spaces and Unicode in the name");
        assertThat(destination.resolve("bin/app.pdb")).doesNotExist();
        assertThat(destination.resolve(".git")).doesNotExist();
        assertThat(destination.resolve("empty dir")).as("only files are selected").doesNotExist();
        assertThat(log()).contains("Connecting to http://127.0.0.1:" + service.port() + "/wsman as EXAMPLE\\alice"
                        + " with CredSSP")
                .contains("to copy 3 files to " + destination + " (overwrite: if changed)")
                .contains("Negotiated CredSSP v6")
                .contains("Sending 3 of 3 files (")
                .contains("Copied 3 files (")
                .contains(") to " + destination + " in ")
                .doesNotContain(PASSWORD);
        assertThat(service.delegatedLogons()).containsExactly(new DelegatedLogon("EXAMPLE", "alice", true));
        assertThat(service.shells().openShellIds()).isEmpty();
    }

    @Test
    void aSecondRunSkipsUnchangedFilesAndCopiesTheChangedOne() throws Exception {
        FilePath ws = new FilePath(workspace.toFile());
        ws.act(callable("bin/*.dll, conf/", null, OverwritePolicy.IF_CHANGED, false));
        write("conf/app.config", "<config changed='yes'/>");
        log.reset();

        List<DeployedFile> second = ws.act(callable("bin/*.dll, conf/", null, OverwritePolicy.IF_CHANGED, false));

        assertThat(second).extracting(DeployedFile::path, DeployedFile::outcome).containsExactly(
                Tuple.tuple("bin/app.dll", "SKIPPED_UNCHANGED"),
                Tuple.tuple("conf/app.config", "COPIED"));
        assertThat(second.get(0).toMap()).containsEntry("outcome", "skipped_unchanged");
        assertThat(destination.resolve("conf/app.config")).hasContent("<config changed='yes'/>");
        assertThat(log()).contains("Sending 1 of 2 files").contains("1 already at the destination")
                .contains("Copied 1 file (").contains("; 1 unchanged");
    }

    @Test
    void overwriteNeverLeavesExistingFilesAlone() throws Exception {
        Files.createDirectories(destination.resolve("bin"));
        Files.writeString(destination.resolve("bin/app.dll"), "deployed earlier");

        List<DeployedFile> files = new FilePath(workspace.toFile())
                .act(callable("bin/**", "**/*.pdb", OverwritePolicy.NEVER, false));

        assertThat(files).extracting(DeployedFile::outcome).containsExactly("SKIPPED_EXISTING");
        assertThat(destination.resolve("bin/app.dll")).hasContent("deployed earlier");
        assertThat(log()).contains("left as they were (overwrite: never)");
    }

    @Test
    void noMatchingFileFailsBeforeConnectingUnlessAllowed() throws Exception {
        FilePath ws = new FilePath(workspace.toFile());
        assertThatThrownBy(() -> ws.act(callable("**/*.msi", null, OverwritePolicy.ALWAYS, false)))
                .isInstanceOf(AbortException.class)
                .hasMessage(Messages.WinRmCopy_NoMatch(workspace.toFile(), "**/*.msi", ""));

        assertThat(ws.act(callable("**/*.msi", null, OverwritePolicy.ALWAYS, true))).isEmpty();
        assertThat(log()).contains(Messages.WinRmCopy_NothingToCopy(workspace.toFile(), "**/*.msi", ""));
        assertThat(service.delegatedLogons()).isEmpty();
        assertThat(service.shells().deletedShellIds()).isEmpty();
    }

    @Test
    void aMissingSourceDirectoryOrAnAbsolutePatternIsAClearFailure() {
        assertThatThrownBy(() -> new FilePath(workspace.resolve("out").toFile())
                .act(callable("**", null, OverwritePolicy.ALWAYS, false)))
                .isInstanceOf(AbortException.class).hasMessageContaining("out does not exist on the agent");
        assertThatThrownBy(() -> new FilePath(workspace.toFile())
                .act(callable("/etc/passwd", null, OverwritePolicy.ALWAYS, false)))
                .isInstanceOf(AbortException.class).hasMessageContaining("Expecting Ant GLOB pattern");
    }

    @Test
    void aDestinationThatCannotBeWrittenNamesTheStageAndThePath() throws Exception {
        Files.writeString(temp.resolve("a file"), "not a directory");
        String target = temp.resolve("a file").resolve("app").toString();

        assertThatThrownBy(() -> new FilePath(workspace.toFile())
                .act(callable(options(), "bin/*.dll", null, target, OverwritePolicy.ALWAYS, false)))
                .isInstanceOf(AbortException.class)
                .hasMessageStartingWith("Copying to " + target + " on 127.0.0.1 failed: file transfer failed (")
                .hasMessageContaining(temp.resolve("a file").toString())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
        assertThat(service.shells().openShellIds()).isEmpty();
    }

    @Test
    void anUnreachableHostIsAnIOExceptionWithoutThePassword() throws Exception {
        WinRmConnectionOptions nobody = options().toBuilder().port(FreePorts.allocate()).build();
        assertThatThrownBy(() -> new FilePath(workspace.toFile())
                .act(callable(nobody, "bin/*.dll", null, destination.toString(), OverwritePolicy.ALWAYS, false)))
                .isInstanceOf(IOException.class)
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
        assertThat(log()).contains("to copy 1 file to").doesNotContain(PASSWORD);
    }

    @Test
    void interruptingStopsTheTransferAndLeavesNoPartialFileUnderTheFinalName() throws Exception {
        try (RandomAccessFile big = new RandomAccessFile(workspace.resolve("big.bin").toFile(), "rw")) {
            big.setLength(256L * 1024 * 1024);
        }
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread build = new Thread(() -> {
            try {
                new FilePath(workspace.toFile()).act(callable("big.bin", null, OverwritePolicy.ALWAYS, false));
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });
        build.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!temporaryFileExists()) {
                assertThat(System.nanoTime()).as("transfer started").isLessThan(deadline);
                assertThat(outcome).as("transfer still running").isNotDone();
                Thread.sleep(20);
            }
            build.interrupt();
            assertThat(outcome.get(60, TimeUnit.SECONDS)).isInstanceOf(InterruptedIOException.class)
                    .hasMessageContaining("the transfer was stopped");
        } finally {
            build.interrupt();
            build.join(30_000);
        }
        assertThat(destination.resolve("big.bin")).doesNotExist();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!service.shells().openShellIds().isEmpty() || !service.shells().liveProcesses().isEmpty()) {
            assertThat(System.nanoTime()).as("shell deleted, agent ended").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private boolean temporaryFileExists() throws IOException {
        if (!Files.isDirectory(destination)) {
            return false;
        }
        try (Stream<Path> files = Files.list(destination)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith(".wct-"));
        }
    }

    @Test
    void crossesTheChannelWithThePasswordOnlyInsideItsSecret() throws Exception {
        WinRmCopyCallable callable = callable("bin/**", "**/*.pdb", OverwritePolicy.IF_CHANGED, false);
        byte[] serialized = serialize(callable);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(serialized))) {
            assertThat(in.readObject()).isInstanceOf(WinRmCopyCallable.class).hasToString(callable.toString());
        }
        // Jenkins' Secret serializes its value (the remoting channel protects it): the password may appear there only
        byte[] password = PASSWORD.getBytes(StandardCharsets.UTF_8);
        assertThat(occurrences(serialized, password)).isEqualTo(occurrences(serialize(Secret.fromString(PASSWORD)),
                password)).isEqualTo(1);
        List<String> plainFields = Arrays.stream(WinRmCopyCallable.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .filter(f -> f.getType() == String.class || f.getType() == char[].class || f.getType() == byte[].class)
                .map(Field::getName).toList();
        assertThat(plainFields).containsExactly("username");
        assertThat(callable.toString()).doesNotContain(PASSWORD);
        assertThat(serialize(new DeployedFile("a", "b", "COPIED", 1, "00"))).isNotEmpty();
    }

    private static byte[] serialize(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    private static int occurrences(byte[] haystack, byte[] needle) {
        int count = 0;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                count++;
            }
        }
        return count;
    }
}
