package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Relative paths as the manifest carries them: {@code /}-separated, no empty, {@code .} or {@code ..} component, not
 * absolute, no backslash, colon or control character (Windows refuses them in names, and tab and line feed delimit
 * the manifest). The agents check the same rules again.
 */
final class RelativePaths {
    /** MS-DOS device names, which Windows maps to devices in any directory and with any extension. */
    private static final Pattern WINDOWS_DEVICE = Pattern.compile("CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9]");

    private RelativePaths() {
    }

    /**
     * {@link #check(String)}, plus, for Windows destinations, what Windows would silently alter or refuse: a
     * component ending in a dot or space (trimmed by Win32 path normalisation, so {@code a.} would land on {@code a}),
     * a device name ({@code CON}, {@code nul.txt}, ...) or one of {@code <>"|?*}. The PowerShell agent checks the same.
     */
    static String check(RemotePlatform platform, String rel) throws FileTransferException {
        check(rel);
        if (platform == RemotePlatform.WINDOWS) {
            for (String part : rel.split("/")) {
                String problem = windowsProblem(part);
                if (problem != null) {
                    throw invalid(rel, "has the component '" + part + "', which " + problem);
                }
            }
        }
        return rel;
    }

    private static String windowsProblem(String part) {
        if (part.endsWith(".") || part.endsWith(" ")) {
            return "Windows would store without its trailing dots and spaces";
        }
        for (char c : "<>\"|?*".toCharArray()) {
            if (part.indexOf(c) >= 0) {
                return "contains '" + c + "', which Windows refuses in names";
            }
        }
        int dot = part.indexOf('.');
        String base = (dot < 0 ? part : part.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
        if (WINDOWS_DEVICE.matcher(base).matches()) {
            return "is a Windows device name";
        }
        return null;
    }

    static String check(String rel) throws FileTransferException {
        String problem = problem(rel);
        if (problem != null) {
            throw invalid(rel, problem);
        }
        return rel;
    }

    private static FileTransferException invalid(String rel, String problem) {
        return new FileTransferException(FileTransferException.Stage.READ_LOCAL,
                FileTransferException.Reason.INVALID_PATH, null, null, "relative path '" + rel + "' " + problem);
    }

    /** The destination root travels in the manifest header: it may not contain control characters either. */
    static String checkRoot(String root) throws FileTransferException {
        for (int i = 0; i < root.length(); i++) {
            if (root.charAt(i) < 0x20 || root.charAt(i) == 0x7f) {
                throw new FileTransferException(FileTransferException.Stage.READ_LOCAL,
                        FileTransferException.Reason.INVALID_PATH, root, null,
                        "the destination contains a control character");
            }
        }
        return root;
    }

    private static String problem(String rel) {
        if (rel == null || rel.isEmpty()) {
            return "is empty";
        }
        if (rel.startsWith("/")) {
            return "is absolute";
        }
        for (int i = 0; i < rel.length(); i++) {
            char c = rel.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return "contains a control character";
            }
            if (c == '\\' || c == ':') {
                return "contains '" + c + "' (use / as the separator; drive letters are not relative)";
            }
        }
        for (String part : rel.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                return "has an empty, '.' or '..' component";
            }
        }
        return null;
    }

    /**
     * Every regular file below {@code root} (a symbolic link to a file counts as the file; linked directories are not
     * entered), plus every empty directory (so it is created too), as sorted relative paths.
     */
    static List<String> tree(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root)) {
                    try (var children = Files.list(dir)) {
                        if (children.findAny().isEmpty()) {
                            out.add(relative(root, dir));
                        }
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() || attrs.isSymbolicLink() && Files.isRegularFile(file)) {
                    out.add(relative(root, file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }

    static String relative(Path root, Path path) {
        StringBuilder rel = new StringBuilder();
        for (Path part : root.relativize(path)) {
            if (rel.length() > 0) {
                rel.append('/');
            }
            rel.append(part);
        }
        return rel.toString();
    }

    /** The remote path of {@code rel} under {@code root}, with the platform's separator. */
    static String join(RemotePlatform platform, String root, String rel) {
        if (platform == RemotePlatform.WINDOWS) {
            return root.replaceAll("[\\\\/]+$", "") + "\\" + rel.replace('/', '\\');
        }
        return (root.equals("/") || root.isEmpty() ? "" : root.replaceAll("/+$", "")) + "/" + rel;
    }
}
