/*
 * Jenkins API stand-in: mirrors hudson.FilePath from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson;

import hudson.remoting.Callable;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.util.StringTokenizer;
import org.apache.tools.ant.BuildException;
import org.apache.tools.ant.DirectoryScanner;
import org.apache.tools.ant.Project;
import org.apache.tools.ant.types.FileSet;
import org.jenkinsci.remoting.RoleSensitive;

public final class FilePath implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient VirtualChannel channel;
    private final String remote;

    public FilePath(VirtualChannel channel, String remote) {
        this.channel = channel;
        this.remote = remote;
    }

    public FilePath(File localPath) {
        this((VirtualChannel) null, localPath.getPath());
    }

    public FilePath(FilePath base, String rel) {
        this(base.channel, new File(base.remote, rel).getPath());
    }

    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, VirtualChannel channel) throws IOException, InterruptedException;
    }

    public FilePath child(String relOrAbsolute) {
        return new FilePath(this, relOrAbsolute);
    }

    public String getRemote() {
        return remote;
    }

    public String getName() {
        return new File(remote).getName();
    }

    public FilePath getParent() {
        String parent = new File(remote).getParent();
        return parent == null ? null : new FilePath(channel, parent);
    }

    public VirtualChannel getChannel() {
        return channel;
    }

    public boolean isRemote() {
        return channel != null;
    }

    /** As in the real class: on the channel when there is one, otherwise in this process. */
    public <V, E extends Throwable> V act(Callable<V, E> callable) throws IOException, InterruptedException, E {
        if (channel != null) {
            return channel.call(callable);
        }
        return callable.call();
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        return callable.invoke(new File(remote), channel);
    }

    public FilePath[] list(String includes, String excludes) throws IOException, InterruptedException {
        return list(includes, excludes, true);
    }

    /**
     * As in the real class: files (not directories) below this directory matching the comma-separated Ant patterns,
     * with Ant's default excludes unless turned off; a missing directory or an absolute pattern is an IOException.
     */
    public FilePath[] list(String includes, String excludes, boolean defaultExcludes)
            throws IOException, InterruptedException {
        if (includes.startsWith("/") || includes.startsWith("\\\\") || includes.matches("[A-Za-z]:[\\\\/].*")) {
            throw new IOException("Expecting Ant GLOB pattern, but saw '" + includes
                    + "'. See https://ant.apache.org/manual/Types/fileset.html for syntax");
        }
        File dir = new File(remote);
        FileSet fileSet = new FileSet();
        fileSet.setDir(dir);
        fileSet.setProject(new Project());
        for (StringTokenizer t = new StringTokenizer(includes, ","); t.hasMoreTokens(); ) {
            fileSet.createInclude().setName(t.nextToken().trim());
        }
        for (StringTokenizer t = new StringTokenizer(excludes == null ? "" : excludes, ","); t.hasMoreTokens(); ) {
            fileSet.createExclude().setName(t.nextToken().trim());
        }
        fileSet.setDefaultexcludes(defaultExcludes);
        String[] names;
        try {
            DirectoryScanner scanner = fileSet.getDirectoryScanner(new Project());
            names = scanner.getIncludedFiles();
        } catch (BuildException e) {
            throw new IOException(e.getMessage());
        }
        FilePath[] files = new FilePath[names.length];
        for (int i = 0; i < names.length; i++) {
            files[i] = new FilePath(new File(dir, names[i]));
        }
        return files;
    }

    @Override
    public String toString() {
        return remote;
    }
}
