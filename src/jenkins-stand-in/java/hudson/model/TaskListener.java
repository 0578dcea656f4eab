/*
 * Jenkins API stand-in: mirrors hudson.model.TaskListener from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.model;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

public interface TaskListener extends Serializable {
    TaskListener NULL = new NullTaskListener();

    PrintStream getLogger();

    default Charset getCharset() {
        return StandardCharsets.UTF_8;
    }

    default PrintWriter error(String msg) {
        PrintStream out = getLogger();
        out.print("ERROR: ");
        out.println(msg);
        return new PrintWriter(new OutputStreamWriter(out, getCharset()), true);
    }

    default PrintWriter error(String format, Object... args) {
        return error(String.format(format, args));
    }

    default PrintWriter fatalError(String msg) {
        PrintStream out = getLogger();
        out.print("FATAL: ");
        out.println(msg);
        return new PrintWriter(new OutputStreamWriter(out, getCharset()), true);
    }
}

/** Stand-in only (the real NULL is a StreamTaskListener on a null stream). */
final class NullTaskListener implements TaskListener {
    private static final long serialVersionUID = 1L;

    @Override
    public PrintStream getLogger() {
        return new PrintStream(java.io.OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    }
}
