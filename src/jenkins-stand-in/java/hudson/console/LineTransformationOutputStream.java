/*
 * Jenkins API stand-in: mirrors hudson.console.LineTransformationOutputStream from org.jenkins-ci.main:jenkins-core 2.541.3.
 * Signatures only as far as this plugin uses them (checked by scripts/stubcheck.sh); bodies do the minimum that
 * in-process unit tests need. Compiled into target/stand-in-classes, never shipped (docs/jenkins-build.md).
 */
package hudson.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

public abstract class LineTransformationOutputStream extends OutputStream {
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    public LineTransformationOutputStream() {
    }

    protected abstract void eol(byte[] b, int len) throws IOException;

    @Override
    public void write(int b) throws IOException {
        buf.write(b);
        if (b == '\n') {
            eol();
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        int end = off + len;
        for (int i = off; i < end; i++) {
            write(b[i]);
        }
    }

    @Override
    public void close() throws IOException {
        forceEol();
    }

    public void forceEol() throws IOException {
        if (buf.size() > 0) {
            eol();
        }
    }

    protected String trimEOL(String line) {
        int slen = line.length();
        while (slen > 0) {
            char ch = line.charAt(slen - 1);
            if (ch == '\r' || ch == '\n') {
                slen--;
                continue;
            }
            break;
        }
        return line.substring(0, slen);
    }

    private void eol() throws IOException {
        byte[] line = buf.toByteArray();
        buf.reset();
        eol(line, line.length);
    }
}
