package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.transfer.OverwritePolicy;
import io.jenkins.plugins.winrmcredssp.protocol.transfer.RemotePlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code upload [options] -- LOCAL REMOTE_DIR} and {@code download [options] -- REMOTE_FILE LOCAL}: takes the
 * subcommand and its own options off the command line and leaves the connection options to {@link CliArguments}.
 */
final class TransferArguments {
    /**
     * @param transfer       what to copy
     * @param connectionArgs the rest of the command line, for {@link CliArguments#parse}
     */
    record Parsed(TransferOptions transfer, String[] connectionArgs) {
    }

    private TransferArguments() {
    }

    static boolean isSubcommand(String arg) {
        return arg.equals("upload") || arg.equals("download");
    }

    static Parsed parse(String... args) throws UsageException {
        boolean upload = args[0].equals("upload");
        OverwritePolicy overwrite = OverwritePolicy.ALWAYS;
        RemotePlatform platform = RemotePlatform.WINDOWS;
        List<String> rest = new ArrayList<>();
        List<String> words = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (words != null) {
                words.add(arg);
                rest.add(arg);
            } else if (arg.equals("--")) {
                words = new ArrayList<>();
                rest.add(arg);
            } else if (arg.equals("--overwrite") && upload) {
                overwrite = overwrite(value(args, ++i, arg));
            } else if (arg.equals("--platform")) {
                platform = platform(value(args, ++i, arg));
            } else {
                rest.add(arg);
            }
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            return new Parsed(null, rest.toArray(String[]::new));
        }
        if (words == null || words.size() != 2) {
            throw new UsageException(upload
                    ? "upload needs exactly two words after --: LOCAL_PATH REMOTE_DIR"
                    : "download needs exactly two words after --: REMOTE_FILE LOCAL_FILE");
        }
        if (rest.contains("--powershell")) {
            throw new UsageException("--powershell does not apply to " + args[0]);
        }
        return new Parsed(new TransferOptions(upload, words.get(0), words.get(1), overwrite, platform),
                rest.toArray(String[]::new));
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].equals("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static OverwritePolicy overwrite(String text) throws UsageException {
        return switch (text) {
            case "always" -> OverwritePolicy.ALWAYS;
            case "if-changed" -> OverwritePolicy.IF_CHANGED;
            case "never" -> OverwritePolicy.NEVER;
            default -> throw new UsageException("--overwrite must be always, if-changed or never, not '" + text + "'");
        };
    }

    private static RemotePlatform platform(String text) throws UsageException {
        for (RemotePlatform value : RemotePlatform.values()) {
            if (value.name().toLowerCase(Locale.ROOT).equals(text)) {
                return value;
            }
        }
        throw new UsageException("--platform must be windows or posix, not '" + text + "'");
    }
}
