package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * Windows drops trailing dots and spaces and maps device names to devices, so such a name would silently land on
     * another file (or a device) there: refused for Windows destinations, kept for POSIX ones.
     */
    @Test
    void namesWindowsWouldAlterAreRefusedForWindowsDestinationsOnly() throws Exception {
        for (String bad : new String[] {"a.", "dir./f", "b ", "CON", "sub/nul.txt", "Com1", "lpt9.log", "aux .x",
            "x?y", "p|q", "l<g", "m>n", "s\"t", "star*"}) {
            Path local = temp.resolve("f");
            Files.createDirectories(local);
            Files.createDirectories(local.resolve(bad).getParent());
            Files.write(local.resolve(bad), new byte[0]);
            UploadRequest windows = UploadRequest.builder(local, List.of(bad), "C:\\dest").build();
            assertThatThrownBy(() -> Upload.entries(windows)).as(bad)
                    .isInstanceOfSatisfying(FileTransferException.class,
                            e -> assertThat(e.reason()).isEqualTo(FileTransferException.Reason.INVALID_PATH));
            UploadRequest posix = UploadRequest.builder(local, List.of(bad), "/dest").platform(RemotePlatform.POSIX)
                    .build();
            assertThat(Upload.entries(posix)).as(bad).hasSize(1);
        }
        Path local = temp.resolve("ok");
        for (String ok : new String[] {"console", "CON1", "COMX", "a..b", ".hidden", "nul_x", "LPT"}) {
            Files.createDirectories(local);
            Files.write(local.resolve(ok), new byte[0]);
        }
        assertThat(Upload.entries(UploadRequest.builder(local,
                List.of("console", "CON1", "COMX", "a..b", ".hidden", "nul_x", "LPT"), "C:\\dest").build())).hasSize(7);
    }
}
