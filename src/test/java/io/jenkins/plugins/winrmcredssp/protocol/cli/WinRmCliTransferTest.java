package io.jenkins.plugins.winrmcredssp.protocol.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.OverwritePolicy;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.RemotePlatform;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code upload} and {@code download} subcommands: parsing with the remote side replaced, then end to end. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WinRmCliTransferTest {
    private static final String SECRET = "S3cret-Passw0rd";
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private TransferOptions seenTransfer;
    private CliOptions seenOptions;

    @TempDir
    Path temp;

    private int run(String... args) {
        return cli((o, p, stdout, stderr, s) -> {
            throw new AssertionError("not a transfer");
        }, (transfer, options, password, stdout, stderr, session) -> {
            seenTransfer = transfer;
            seenOptions = options;
            return 0;
        }).run(args);
    }

    private WinRmCli cli(WinRmCli.Runner runner, WinRmCli.TransferRunner transfers) {
        return new WinRmCli(runner, transfers, Map.of("PW", SECRET)::get, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static String[] args(String subcommand, String endpoint, String... more) {
        String[] base = {subcommand, "--url", endpoint, "--user", "EXAMPLE\\alice", "--password-env", "PW"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void uploadTakesItsOwnOptionsAndLeavesTheConnectionOptionsToTheUsualParser() {
        int status = run(args("upload", "http://h/wsman", "--overwrite", "if-changed", "--platform", "posix",
                "--timeout", "30", "--", "build/out", "C:\\deploy\\app"));
        assertThat(status).isZero();
        assertThat(seenTransfer).isEqualTo(new TransferOptions(true, "build/out", "C:\\deploy\\app",
                OverwritePolicy.IF_CHANGED, RemotePlatform.POSIX));
        assertThat(seenOptions.user()).isEqualTo("EXAMPLE\\alice");
        assertThat(seenOptions.timeout()).hasSeconds(30);
    }

    @Test
    void downloadDefaultsToWindows() {
        assertThat(run(args("download", "https://h/wsman", "--insecure", "--", "C:\\logs\\a.log", "a.log"))).isZero();
        assertThat(seenTransfer).isEqualTo(new TransferOptions(false, "C:\\logs\\a.log", "a.log",
                OverwritePolicy.ALWAYS, RemotePlatform.WINDOWS));
    }

    @Test
    void transferUsageErrorsExit2() {
        assertThat(run(args("upload", "http://h/wsman", "--", "only-one"))).isEqualTo(ExitStatus.USAGE);
        assertThat(err()).startsWith("winrm-credssp: upload needs exactly two words after --: LOCAL_PATH REMOTE_DIR\nusage:");
        err.reset();
        assertThat(run(args("upload", "http://h/wsman", "--overwrite", "sometimes", "--", "a", "b")))
                .isEqualTo(ExitStatus.USAGE);
        assertThat(err()).startsWith("winrm-credssp: --overwrite must be always, if-changed or never, not 'sometimes'");
        err.reset();
        assertThat(run(args("download", "http://h/wsman", "--overwrite", "never", "--", "a", "b")))
                .as("download has no --overwrite").isEqualTo(ExitStatus.USAGE);
        assertThat(err()).startsWith("winrm-credssp: unknown option --overwrite");
        err.reset();
        assertThat(run(args("upload", "http://h/wsman", "--platform", "vms", "--", "a", "b"))).isEqualTo(ExitStatus.USAGE);
        assertThat(run(args("upload", "http://h/wsman", "--powershell", "--", "a", "b"))).isEqualTo(ExitStatus.USAGE);
        assertThat(seenTransfer).isNull();
    }

    @Test
    void helpAfterTheSubcommandPrintsTheUsage() {
        assertThat(run("upload", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("usage:").contains("upload [connection options]");
    }

    @Test
    void uploadsAndDownloadsEndToEndAndReportsFailuresWithExitStatus5() throws Exception {
        UserCredentials alice = UserCredentials.parse("EXAMPLE\\alice", SECRET.toCharArray());
        try (LocalWinRmService service = LocalWinRmService.builder().windowsAuthentication(alice).start()) {
            Path local = Files.createDirectories(temp.resolve("out/sub"));
            Files.writeString(local.resolve("ä b.txt"), "hello");
            Path dest = temp.resolve("dest");
            WinRmCli real = cli(RemoteRun::run, RemoteTransfer::run);
            String endpoint = service.endpoint().toString();

            assertThat(real.run(args("upload", endpoint, "--auth-mechanism", "ntlm", "--platform", "posix", "--",
                    temp.resolve("out").toString(), dest.toString()))).as(err()).isZero();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("COPIED\t5\t"
                    + "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824\t" + dest + "/sub/ä b.txt\n");
            assertThat(err()).startsWith("winrm-credssp: uploaded 1 of 1 entries, 5 bytes in ");

            out.reset();
            Path back = temp.resolve("back.txt");
            assertThat(real.run(args("download", endpoint, "--auth-mechanism", "ntlm", "--platform", "posix", "--",
                    dest + "/sub/ä b.txt", back.toString()))).isZero();
            assertThat(back).hasContent("hello");

            err.reset();
            assertThat(real.run(args("upload", endpoint, "--auth-mechanism", "ntlm", "--platform", "posix", "--",
                    local.resolve("ä b.txt").toString(), "/sys/denied"))).isEqualTo(ExitStatus.REMOTE_FAILURE);
            assertThat(err()).matches("winrm-credssp: file transfer failed \\(WRITE, PERMISSION_DENIED\\) at "
                    + "/sys/denied/ä b.txt: the agent reported PERMISSION_DENIED "
                    + "\\[remote: (Operation not permitted|Permission denied)\\]\n");
            assertThat(err()).doesNotContain(SECRET);
            assertThat(service.shells().openShellIds()).isEmpty();
        }
    }

    @Test
    void timeoutStopsTheTransferAndDeletesTheShell() throws Exception {
        UserCredentials alice = UserCredentials.parse("EXAMPLE\\alice", SECRET.toCharArray());
        try (LocalWinRmService service = LocalWinRmService.builder().windowsAuthentication(alice).start()) {
            Path big = temp.resolve("big.bin");
            try (var out = Files.newOutputStream(big)) {
                byte[] block = new byte[1 << 20];
                for (int i = 0; i < 150; i++) {
                    block[i] = (byte) i;
                    out.write(block);
                }
            }
            Path dest = temp.resolve("dest");
            int status = cli(RemoteRun::run, RemoteTransfer::run).run(args("upload", service.endpoint().toString(),
                    "--auth-mechanism", "ntlm", "--platform", "posix", "--timeout", "1", "--",
                    big.toString(), dest.toString()));
            assertThat(status).isEqualTo(ExitStatus.REMOTE_FAILURE);
            assertThat(err()).startsWith("winrm-credssp: file transfer failed (TRANSFER, ABORTED) at " + dest
                    + "/big.bin: did not finish within the --timeout of 1 s; stopped");
            assertThat(dest.resolve("big.bin")).doesNotExist();
            assertThat(service.shells().openShellIds()).isEmpty();
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        }
    }
}
