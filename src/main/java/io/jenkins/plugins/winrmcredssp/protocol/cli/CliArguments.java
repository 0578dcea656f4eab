package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.http.AuthMechanism;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Hand-written parser of the CLI's command line; every mistake is a {@link UsageException} naming the option. */
public final class CliArguments {
    public static final String USAGE = String.join("\n",
            "usage: java -jar winrm-credssp-cli.jar --url http(s)://HOST[:PORT]/wsman --user USER",
            "           (--password-env VAR | --password-stdin) [options] -- COMMAND [ARG...]",
            "       java -jar winrm-credssp-cli.jar upload [connection options] [--overwrite always|if-changed|never]",
            "           [--platform windows|posix] -- LOCAL_FILE_OR_DIR REMOTE_DIR",
            "       java -jar winrm-credssp-cli.jar download [connection options] [--platform windows|posix]",
            "           -- REMOTE_FILE LOCAL_FILE",
            "",
            "Runs COMMAND on a Windows host over WinRM, authenticated with CredSSP (the password is delegated).",
            "upload copies a file or directory tree (through one remote PowerShell process, SHA-256 verified, each",
            "file renamed into place atomically); download fetches one file. --platform posix speaks to a POSIX",
            "host's python3 instead of PowerShell (the local test service). Each file is printed on stdout as",
            "OUTCOME<TAB>SIZE<TAB>SHA256<TAB>REMOTE_PATH; a summary goes to stderr.",
            "",
            "  --url URL                  the WinRM endpoint, e.g. https://host:5986/wsman",
            "  --user USER                DOMAIN\\user, user@domain or user",
            "  --password-env VAR         read the password from environment variable VAR",
            "  --password-stdin           read the password from the first line of stdin",
            "  --powershell               the words after -- are a PowerShell script",
            "  --auth-mechanism M         auto (SPNEGO, default), ntlm or kerberos",
            "  --min-credssp-version N    refuse servers below CredSSP version N (2..6; 5+ needs the CVE-2018-0886 fix)",
            "  --ca-file PEM              trust the HTTPS certificate issued by these CA certificates",
            "  --thumbprint SHA256HEX     trust exactly the HTTPS certificate with this SHA-256 thumbprint",
            "  --insecure                 do not check the HTTPS certificate (CredSSP still binds to the TLS key)",
            "  --timeout SECONDS          give up (and stop the command or transfer) after SECONDS",
            "  --workdir DIR              remote working directory",
            "  --env K=V                  remote environment variable (repeatable)",
            "  --krb5-conf FILE           krb5.conf for Kerberos",
            "  --spn SPN                  Kerberos service principal (default HTTP/HOST)",
            "  --verbose                  print TLS, CredSSP and HTTP details, transfer progress, stack traces",
            "  --help                     print this help",
            "",
            "Exit status: the remote exit code (the OS keeps its low 8 bits; codes above 255 or negative are also",
            "printed in full on stderr); 2 usage error, 3 connection/TLS failure, 4 authentication failure,",
            "5 WS-Management fault, failed transfer or other failure. Failures print one line on stderr naming",
            "the stage.");

    private static final Pattern THUMBPRINT = Pattern.compile("[0-9a-fA-F]{64}");

    private CliArguments() {
    }

    /** @return empty when {@code --help} (or {@code -h}) comes before {@code --}, whatever else is wrong */
    public static Optional<CliOptions> parse(String... args) throws UsageException {
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                return Optional.empty();
            }
        }
        URI url = null;
        String user = null;
        String passwordEnv = null;
        boolean passwordStdin = false;
        boolean powerShell = false;
        boolean verbose = false;
        AuthMechanism mechanism = AuthMechanism.AUTO;
        int minVersion = 2;
        ServerTrust trust = ServerTrust.defaults();
        Duration timeout = null;
        String workdir = null;
        Map<String, String> env = new LinkedHashMap<>();
        Path krb5Conf = null;
        String spn = null;
        List<String> command = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--" -> {
                    command = List.of(args).subList(i + 1, args.length);
                    i = args.length;
                }
                case "--url" -> url = url(value(args, ++i, arg));
                case "--user" -> user = user(value(args, ++i, arg));
                case "--password-env" -> passwordEnv = value(args, ++i, arg);
                case "--password-stdin" -> passwordStdin = true;
                case "--powershell" -> powerShell = true;
                case "--verbose", "-v" -> verbose = true;
                case "--auth-mechanism" -> mechanism = mechanism(value(args, ++i, arg));
                case "--min-credssp-version" -> minVersion = intIn(arg, value(args, ++i, arg), 2, 6);
                case "--ca-file" -> trust = trust(trust, new ServerTrust(ServerTrust.Kind.CA_FILE, Path.of(value(args, ++i, arg)), null));
                case "--thumbprint" -> trust = trust(trust, thumbprint(value(args, ++i, arg)));
                case "--insecure" -> trust = trust(trust, new ServerTrust(ServerTrust.Kind.INSECURE, null, null));
                case "--timeout" -> timeout = Duration.ofSeconds(intIn(arg, value(args, ++i, arg), 1, Integer.MAX_VALUE));
                case "--workdir" -> workdir = value(args, ++i, arg);
                case "--env" -> env(env, value(args, ++i, arg));
                case "--krb5-conf" -> krb5Conf = Path.of(value(args, ++i, arg));
                case "--spn" -> spn = spn(value(args, ++i, arg));
                default -> throw new UsageException(arg.startsWith("-")
                        ? "unknown option " + arg
                        : "unexpected '" + arg + "': put the remote command after --");
            }
        }
        if (url == null) {
            throw new UsageException("--url is required");
        }
        if (user == null) {
            throw new UsageException("--user is required");
        }
        if ((passwordEnv == null) == !passwordStdin) {
            throw new UsageException("give exactly one of --password-env VAR and --password-stdin");
        }
        if (command == null || command.isEmpty()) {
            throw new UsageException("no remote command: put it after --");
        }
        if (trust.kind() != ServerTrust.Kind.DEFAULT && !"https".equals(url.getScheme())) {
            throw new UsageException("--ca-file, --thumbprint and --insecure only apply to https:// URLs");
        }
        return Optional.of(new CliOptions(url, user, passwordEnv, powerShell, mechanism, minVersion, trust, timeout,
                workdir, env, krb5Conf, spn, verbose, command));
    }

    private static AuthMechanism mechanism(String text) throws UsageException {
        for (AuthMechanism value : AuthMechanism.values()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return value;
            }
        }
        throw new UsageException("--auth-mechanism must be auto, ntlm or kerberos, not '" + text + "'");
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].equals("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static URI url(String text) throws UsageException {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("--url is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UsageException("--url must start with http:// or https://, not '" + text + "'");
        }
        if (uri.getHost() == null) {
            throw new UsageException("--url has no host: '" + text + "'");
        }
        if (uri.getUserInfo() != null) {
            throw new UsageException("--url must not contain user information; use --user and --password-env");
        }
        if (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/")) {
            throw new UsageException("--url needs the path, usually /wsman: '" + text + "'");
        }
        return uri;
    }

    private static String user(String text) throws UsageException {
        int backslash = text.indexOf('\\');
        int at = text.indexOf('@');
        boolean ok = !text.isBlank()
                && (backslash < 0 || (backslash > 0 && backslash < text.length() - 1 && text.indexOf('\\', backslash + 1) < 0 && at < 0))
                && (at < 0 || (at > 0 && at < text.length() - 1 && text.indexOf('@', at + 1) < 0));
        if (!ok) {
            throw new UsageException("--user must be DOMAIN\\user, user@domain or user, not '" + text + "'");
        }
        return text;
    }

    private static int intIn(String option, String text, int min, int max) throws UsageException {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " must be a number from " + min + (max == Integer.MAX_VALUE ? " up" : " to " + max)
                + ", not '" + text + "'");
    }

    private static ServerTrust trust(ServerTrust current, ServerTrust next) throws UsageException {
        if (current.kind() != ServerTrust.Kind.DEFAULT) {
            throw new UsageException("give at most one of --ca-file, --thumbprint and --insecure");
        }
        return next;
    }

    private static ServerTrust thumbprint(String text) throws UsageException {
        String hex = text.replace(":", "");
        if (!THUMBPRINT.matcher(hex).matches()) {
            throw new UsageException("--thumbprint must be the certificate's SHA-256 as 64 hex digits, not '" + text + "'");
        }
        return new ServerTrust(ServerTrust.Kind.THUMBPRINT, null, hex.toLowerCase(Locale.ROOT));
    }

    private static void env(Map<String, String> env, String text) throws UsageException {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new UsageException("--env must be NAME=VALUE, not '" + text + "'");
        }
        env.put(text.substring(0, eq), text.substring(eq + 1));
    }

    private static String spn(String text) throws UsageException {
        if (text.indexOf('/') <= 0) {
            throw new UsageException("--spn must look like HTTP/host or HTTP/host@REALM, not '" + text + "'");
        }
        return text;
    }
}
