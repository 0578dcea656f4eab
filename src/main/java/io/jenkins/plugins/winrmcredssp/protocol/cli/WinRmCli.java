package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.SessionInfo;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * {@code java -jar winrm-credssp-cli.jar ...}: runs one command on a Windows host over WinRM with CredSSP, streams its
 * output and exits with its exit code ({@link ExitStatus} for client-side failures). See {@link CliArguments#USAGE}.
 */
public final class WinRmCli {
    /** Runs a command and reports its exit code; replaceable so tests drive the CLI without a server. */
    @FunctionalInterface
    interface Runner {
        int run(CliOptions options, char[] password, OutputStream stdout, OutputStream stderr,
                Consumer<SessionInfo> session) throws IOException;
    }

    /** Runs an upload or download; replaceable like {@link Runner}. */
    @FunctionalInterface
    interface TransferRunner {
        int run(TransferOptions transfer, CliOptions options, char[] password, OutputStream stdout,
                OutputStream stderr, Consumer<SessionInfo> session) throws IOException;
    }

    private final Runner runner;
    private final TransferRunner transfers;
    private final Function<String, String> environment;
    private final InputStream stdin;
    private final PrintStream stdout;
    private final PrintStream stderr;

    WinRmCli(Runner runner, Function<String, String> environment, InputStream stdin, PrintStream stdout,
            PrintStream stderr) {
        this(runner, RemoteTransfer::run, environment, stdin, stdout, stderr);
    }

    WinRmCli(Runner runner, TransferRunner transfers, Function<String, String> environment, InputStream stdin,
            PrintStream stdout, PrintStream stderr) {
        this.runner = runner;
        this.transfers = transfers;
        this.environment = environment;
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static void main(String[] args) {
        // library warnings (e.g. --insecure) as one line each, like the CLI's own
        if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
            System.setProperty("java.util.logging.SimpleFormatter.format", FailureReport.PREFIX + "%4$s: %5$s%6$s%n");
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = new WinRmCli(RemoteRun::run, System::getenv, System.in, out, err).run(args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    /** @return the process exit status */
    public int run(String... args) {
        CliOptions options;
        char[] password;
        Runner effective = runner;
        try {
            if (args.length > 0 && TransferArguments.isSubcommand(args[0])) {
                TransferArguments.Parsed transfer = TransferArguments.parse(args);
                args = transfer.connectionArgs();
                effective = (o, p, out, err, s) -> transfers.run(transfer.transfer(), o, p, out, err, s);
            }
            Optional<CliOptions> parsed = CliArguments.parse(args);
            if (parsed.isEmpty()) {
                stdout.println(CliArguments.USAGE);
                return 0;
            }
            options = parsed.get();
            password = password(options);
        } catch (UsageException e) {
            stderr.println(FailureReport.PREFIX + e.getMessage());
            stderr.println(CliArguments.USAGE);
            return ExitStatus.USAGE;
        }
        boolean verbose = options.verbose();
        try {
            int exitCode = effective.run(options, password, stdout, stderr, info -> {
                if (verbose) {
                    verbose(info);
                }
            });
            stdout.flush();
            if (exitCode < 0 || exitCode > 255) {
                stderr.println(FailureReport.PREFIX + "remote exit code " + exitCode
                        + " (the OS passes on only its low 8 bits: " + (exitCode & 0xff) + ")");
            }
            return exitCode;
        } catch (IOException | RuntimeException e) {
            stdout.flush();
            FailureReport report = FailureReport.of(e);
            stderr.println(report.line());
            if (verbose) {
                e.printStackTrace(stderr);
            }
            return report.exitStatus();
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void verbose(SessionInfo info) {
        String prefix = FailureReport.PREFIX;
        stderr.println(prefix + "endpoint: " + info.endpoint() + (info.messageEncryption()
                ? " (HTTP, bodies encrypted with the CredSSP session)" : " (HTTPS)"));
        stderr.println(prefix + "CredSSP TLS: " + info.tlsProtocol() + " " + info.tlsCipherSuite());
        stderr.println(prefix + "CredSSP version: " + info.credSspVersion());
        stderr.println(prefix + "inner mechanism: " + info.innerMechanism().displayName()
                + info.kerberosFallbackReason().map(r -> " (Kerberos not used: " + r + ")").orElse(""));
        stderr.println(prefix + "HTTP legs: " + info.httpLegs());
    }

    private char[] password(CliOptions options) throws UsageException {
        if (options.passwordEnv() != null) {
            String value = environment.apply(options.passwordEnv());
            if (value == null || value.isEmpty()) {
                throw new UsageException("environment variable " + options.passwordEnv() + " (--password-env) is not set or empty");
            }
            return value.toCharArray();
        }
        byte[] line = readLine(stdin);
        try {
            CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(line));
            char[] password = Arrays.copyOf(chars.array(), chars.limit());
            Arrays.fill(chars.array(), '\0');
            if (password.length == 0) {
                throw new UsageException("--password-stdin: stdin held no password");
            }
            return password;
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }

    /** The first line of {@code in} without its line end, in a buffer no one else holds (the caller wipes it). */
    private static byte[] readLine(InputStream in) throws UsageException {
        byte[] buffer = new byte[64];
        int length = 0;
        try {
            for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
                if (c == '\r') {
                    continue;
                }
                if (length == buffer.length) {
                    byte[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
                    Arrays.fill(buffer, (byte) 0);
                    buffer = bigger;
                }
                buffer[length++] = (byte) c;
            }
        } catch (IOException e) {
            Arrays.fill(buffer, (byte) 0);
            throw new UsageException("--password-stdin: cannot read stdin: " + e.getMessage());
        }
        byte[] line = Arrays.copyOf(buffer, length);
        Arrays.fill(buffer, (byte) 0);
        return line;
    }
}
