package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;

/**
 * Decodes the CLIXML that {@code powershell.exe} writes to a redirected stderr ({@code #< CLIXML} followed by an
 * {@code <Objs>} document, [MS-PSRP] 2.2.5 serialization) into readable text, as the bytes arrive.
 *
 * <p>Every top-level {@code <S S="Error">} (and warning, verbose, debug, information) string is written out as soon as
 * its element is complete, with {@code _xHHHH_} escapes ({@code _x000D__x000A_} = CR LF) decoded; progress records
 * and other objects are dropped. Anything that is not CLIXML passes through untouched, line by line, so plain stderr
 * from cmd.exe or other programs is not delayed beyond its first few bytes per line. Memory is bounded: an element
 * larger than {@value #MAX_ELEMENT} bytes is given up on and written raw.
 */
public final class ClixmlDecodingOutputStream extends OutputStream {
    static final int MAX_ELEMENT = 1 << 20;
    private static final byte[] MARKER = "#< CLIXML".getBytes(StandardCharsets.US_ASCII);

    private enum State { LINE_START, PASS_THROUGH, BEFORE_OBJS, IN_OBJS, AFTER_OBJS }

    private final OutputStream out;
    private final Charset charset;
    private State state = State.LINE_START;
    private byte[] buffer = new byte[256];
    private int length;

    /** @param charset the shell's code page, in which stderr arrives and decoded text is written */
    public ClixmlDecodingOutputStream(OutputStream out, Charset charset) {
        this.out = out;
        this.charset = charset;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int count) throws IOException {
        Objects.checkFromIndexSize(offset, count, data.length);
        int end = offset + count;
        int position = offset;
        while (position < end) {
            if (state == State.PASS_THROUGH) {
                int newline = indexOf(data, position, end, (byte) '\n');
                int stop = newline < 0 ? end : newline + 1;
                out.write(data, position, stop - position);
                position = stop;
                if (newline >= 0) {
                    state = State.LINE_START;
                }
            } else {
                int take = state == State.LINE_START ? Math.min(end - position, MARKER.length - length) : end - position;
                append(data, position, take);
                position += take;
                process();
            }
        }
    }

    private void process() throws IOException {
        boolean progress = true;
        while (progress) {
            progress = switch (state) {
                case LINE_START -> detectMarker();
                case BEFORE_OBJS -> openObjs();
                case IN_OBJS -> nextElement();
                case AFTER_OBJS -> skipLineEnd();
                case PASS_THROUGH -> false;
            };
        }
    }

    /** At a line start: decide whether the line is the {@code #< CLIXML} marker. */
    private boolean detectMarker() throws IOException {
        int compared = Math.min(length, MARKER.length);
        if (!Arrays.equals(buffer, 0, compared, MARKER, 0, compared)) {
            int newline = indexOf(buffer, 0, length, (byte) '\n');
            if (newline >= 0) {
                out.write(buffer, 0, newline + 1);
                consume(newline + 1);
                return length > 0;
            }
            state = State.PASS_THROUGH;
            emitRaw();
            return false;
        }
        if (length < MARKER.length) {
            return false;
        }
        consume(MARKER.length);
        state = State.BEFORE_OBJS;
        return length > 0;
    }

    private boolean openObjs() throws IOException {
        int start = skipWhitespace(0);
        if (start == length) {
            return checkBound();
        }
        if (buffer[start] != '<') {
            giveUp();
            return false;
        }
        int close = indexOf(buffer, start, length, (byte) '>');
        if (close < 0) {
            return checkBound();
        }
        String tag = new String(buffer, start, close + 1 - start, StandardCharsets.US_ASCII);
        if (!tag.startsWith("<Objs")) {
            giveUp();
            return false;
        }
        consume(close + 1);
        state = tag.endsWith("/>") ? State.AFTER_OBJS : State.IN_OBJS;
        return length > 0;
    }

    private boolean nextElement() throws IOException {
        int start = skipWhitespace(0);
        if (start == length) {
            consume(start);
            return false;
        }
        if (buffer[start] != '<') {
            giveUp();
            return false;
        }
        int end = elementEnd(start);
        if (end < 0) {
            return checkBound();
        }
        if (end == Integer.MAX_VALUE) {
            int close = indexOf(buffer, start, length, (byte) '>');
            consume(close + 1);
            state = State.AFTER_OBJS;
            return length > 0;
        }
        decodeElement(start, end);
        consume(end);
        return length > 0;
    }

    /**
     * End (exclusive) of the element starting at {@code start}, -1 if incomplete, or {@code Integer.MAX_VALUE} when
     * it is the closing {@code </Objs>} tag. CLIXML escapes '<' in text, so every '<' starts a tag.
     */
    private int elementEnd(int start) {
        int depth = 0;
        int position = start;
        while (position < length) {
            if (buffer[position] != '<') {
                position++;
                continue;
            }
            int close = indexOf(buffer, position, length, (byte) '>');
            if (close < 0) {
                return -1;
            }
            byte kind = position + 1 < length ? buffer[position + 1] : 0;
            if (kind == '/') {
                if (depth == 0) {
                    return Integer.MAX_VALUE;
                }
                depth--;
            } else if (kind != '?' && kind != '!' && buffer[close - 1] != '/') {
                depth++;
            }
            position = close + 1;
            if (depth == 0) {
                return position;
            }
        }
        return -1;
    }

    private void decodeElement(int start, int end) throws IOException {
        String text;
        try {
            text = Clixml.readableText(new String(buffer, start, end - start, charset));
        } catch (XMLStreamException | RuntimeException e) {
            out.write(buffer, start, end - start);
            return;
        }
        if (text != null) {
            out.write(text.getBytes(charset));
        }
    }

    private boolean checkBound() throws IOException {
        if (length > MAX_ELEMENT) {
            giveUp();
        }
        return false;
    }

    /** Not CLIXML after all (or too large): write what was held back and pass the rest through. */
    private void giveUp() throws IOException {
        if (state == State.BEFORE_OBJS) {
            out.write(MARKER);
        }
        emitRaw();
        state = State.PASS_THROUGH;
    }

    /** After {@code </Objs>}: drops one line end (CR LF or LF), then looks for a new line. */
    private boolean skipLineEnd() {
        if (length == 0 || buffer[0] == '\r' && length < 2) {
            return false;
        }
        if (buffer[0] == '\n') {
            consume(1);
        } else if (buffer[0] == '\r' && buffer[1] == '\n') {
            consume(2);
        }
        state = State.LINE_START;
        return length > 0;
    }

    private int skipWhitespace(int from) {
        int position = from;
        while (position < length && (buffer[position] == ' ' || buffer[position] == '\t' || buffer[position] == '\r'
                || buffer[position] == '\n')) {
            position++;
        }
        return position;
    }

    private void append(byte[] data, int offset, int count) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(data, offset, buffer, length, count);
        length += count;
    }

    private void consume(int count) {
        System.arraycopy(buffer, count, buffer, 0, length - count);
        length -= count;
    }

    private void emitRaw() throws IOException {
        out.write(buffer, 0, length);
        length = 0;
    }

    private static int indexOf(byte[] data, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (data[i] == value) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Writes whatever is still held back (an unfinished line start or element) and flushes; does not close. */
    public void finish() throws IOException {
        if (state == State.BEFORE_OBJS) {
            out.write(MARKER);
        }
        emitRaw();
        state = State.LINE_START;
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }
}
