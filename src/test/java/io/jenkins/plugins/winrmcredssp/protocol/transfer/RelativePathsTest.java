package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RelativePathsTest {
    @TempDir
    Path temp;

    @Test
    void treeListsFilesAndOnlyEmptyDirectoriesWithSlashes() throws Exception {
        Files.writeString(Files.createDirectories(temp.resolve("a/b")).resolve("c.txt"), "x");
        Files.createDirectories(temp.resolve("a/empty"));
        Files.createDirectories(temp.resolve("z/also empty"));
        Files.write(temp.resolve("top"), new byte[0]);
        assertThat(RelativePaths.tree(temp)).containsExactly("a/b/c.txt", "a/empty", "top", "z/also empty");
    }

    @Test
    void treeTakesLinkedFilesAndDoesNotEnterLinkedDirectories() throws Exception {
        Path real = Files.writeString(Files.createDirectories(temp.resolve("real")).resolve("f.txt"), "x");
        Files.createSymbolicLink(temp.resolve("link.txt"), real);
        Files.createSymbolicLink(temp.resolve("loop"), temp);
        assertThat(RelativePaths.tree(temp)).containsExactly("link.txt", "real/f.txt");
    }

    @Test
    void acceptsOrdinaryNames() throws Exception {
        for (String ok : new String[] {"a", "a/b c/ü ✓.txt", ".hidden/x", "a..b", "...x"}) {
            assertThat(RelativePaths.check(ok)).isEqualTo(ok);
        }
    }
}
