/*
 * Jenkins API stand-in: mirrors hudson.util.StreamTaskListener from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.util;

import hudson.model.TaskListener;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;

/** In-process only: the real class also serializes its stream over remoting. */
public class StreamTaskListener extends AbstractTaskListener implements TaskListener, Closeable {
    private static final long serialVersionUID = 1L;

    private final transient PrintStream out;
    private final transient Charset charset;

    public StreamTaskListener(PrintStream out) {
        this.out = out;
        this.charset = Charset.defaultCharset();
    }

    public StreamTaskListener(OutputStream out) {
        this(out, Charset.defaultCharset());
    }

    public StreamTaskListener(OutputStream out, Charset charset) {
        this.out = new PrintStream(out, true, charset);
        this.charset = charset;
    }

    public static StreamTaskListener fromStdout() {
        return new StreamTaskListener(System.out, Charset.defaultCharset());
    }

    public static StreamTaskListener fromStderr() {
        return new StreamTaskListener(System.err, Charset.defaultCharset());
    }

    @Override
    public PrintStream getLogger() {
        return out;
    }

    @Override
    public Charset getCharset() {
        return charset;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    public void closeQuietly() {
        out.close();
    }
}
