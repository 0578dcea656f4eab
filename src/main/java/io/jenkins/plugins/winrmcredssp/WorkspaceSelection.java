package io.jenkins.plugins.winrmcredssp;

import hudson.AbortException;
import hudson.FilePath;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The files a copy step takes from the workspace, selected where the workspace is (on the agent) with Jenkins' own
 * Ant pattern matching ({@link FilePath#list(String, String)}, as {@code archiveArtifacts} and {@code stash}:
 * comma-separated patterns, Ant's default excludes such as {@code .git/**} left out), in a stable order.
 */
final class WorkspaceSelection {
    private WorkspaceSelection() {
    }

    /**
     * @return the matching files' paths relative to {@code directory}, with {@code /} separators, sorted
     * @throws AbortException the directory does not exist or a pattern is absolute
     */
    static List<String> select(File directory, String includes, String excludes)
            throws IOException, InterruptedException {
        if (!directory.isDirectory()) {
            throw new AbortException(Messages.WinRmCopy_NoSourceDirectory(directory));
        }
        FilePath[] matches;
        try {
            matches = new FilePath(directory).list(includes, excludes);
        } catch (IOException e) {
            throw new AbortException(Messages.WinRmCopy_BadPattern(e.getMessage()));
        }
        Path root = directory.toPath();
        return Arrays.stream(matches)
                .map(file -> root.relativize(Path.of(file.getRemote())).toString().replace(File.separatorChar, '/'))
                .sorted()
                .toList();
    }
}
