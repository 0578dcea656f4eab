package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the parts of one encrypted body ([MS-WSMV] 2.2.9.1) in order, unwrapping each and checking its decrypted
 * length against {@code OriginalContent ... Length=}. The payload of a part runs to the next boundary line that is
 * followed by a part header, or to the closing boundary.
 */
final class EncryptedMessageReader {

    private final SessionSealer sealer;
    private final byte[] body;
    private final byte[] delimiter;
    /** Horspool shifts: how far the delimiter may move when this byte is under its last position. */
    private final int[] skip = new int[256];
    private final int end;
    private int position;

    EncryptedMessageReader(SessionSealer sealer, byte[] body, String delimiter)
            throws MalformedEncryptedMessageException {
        this.sealer = sealer;
        this.body = body;
        this.delimiter = delimiter.getBytes(StandardCharsets.ISO_8859_1);
        Arrays.fill(skip, this.delimiter.length);
        for (int k = 0; k < this.delimiter.length - 1; k++) {
            skip[this.delimiter[k] & 0xFF] = this.delimiter.length - 1 - k;
        }
        byte[] closing = (delimiter + "--").getBytes(StandardCharsets.ISO_8859_1);
        int last = lastIndexOf(body, closing);
        if (last < 0 || last + closing.length != body.length && !isLineEnd(last + closing.length)) {
            throw new MalformedEncryptedMessageException("encrypted body does not end with " + delimiter
                    + "-- (truncated?)");
        }
        this.end = last;
    }

    byte[] parts() throws IOException {
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream(body.length);
        int part = 0;
        do {
            part++;
            expectDelimiter(part);
            long announced = -1;
            String line;
            while (!(line = headerLine(part)).startsWith(new String(delimiter, StandardCharsets.ISO_8859_1))) {
                announced = header(line, announced, part);
            }
            if (announced < 0) {
                throw new MalformedEncryptedMessageException("encrypted part " + part
                        + " has no OriginalContent header with Length=");
            }
            String octet = headerLine(part).strip();
            if (!octet.equalsIgnoreCase("Content-Type: application/octet-stream")) {
                throw new MalformedEncryptedMessageException("encrypted part " + part
                        + ": expected Content-Type: application/octet-stream, found '" + printable(octet) + "'");
            }
            int dataEnd = nextPart();
            if (dataEnd - position < 4) {
                throw new MalformedEncryptedMessageException("encrypted part " + part + " is shorter than its "
                        + "4-byte length field");
            }
            int trailer = (body[position] & 0xFF) | (body[position + 1] & 0xFF) << 8
                    | (body[position + 2] & 0xFF) << 16 | (body[position + 3] & 0xFF) << 24;
            byte[] data = Arrays.copyOfRange(body, position + 4, dataEnd);
            if (trailer < 0 || trailer > data.length) {
                throw new MalformedEncryptedMessageException("encrypted part " + part + ": length field " + trailer
                        + " outside its " + data.length + "-byte payload");
            }
            byte[] opened = sealer.unwrap(new SessionSealer.Sealed(trailer, data));
            if (opened.length != announced) {
                throw new EncryptedLengthMismatchException(part, announced, opened.length);
            }
            plaintext.write(opened);
            position = dataEnd;
        } while (position < end);
        return plaintext.toByteArray();
    }

    private void expectDelimiter(int part) throws MalformedEncryptedMessageException {
        if (!startsWith(position, delimiter) || !isLineEnd(position + delimiter.length)) {
            throw new MalformedEncryptedMessageException("encrypted part " + part + " does not start with the "
                    + "boundary at offset " + position);
        }
        position = skipLineEnd(position + delimiter.length);
    }

    /** Reads one CRLF-terminated ASCII line (headers are short: at most 1024 bytes). */
    private String headerLine(int part) throws MalformedEncryptedMessageException {
        int limit = Math.min(end, position + 1024);
        for (int i = position; i < limit; i++) {
            if (body[i] == '\n') {
                int stop = i > position && body[i - 1] == '\r' ? i - 1 : i;
                String line = new String(body, position, stop - position, StandardCharsets.ISO_8859_1);
                position = i + 1;
                return line;
            }
        }
        throw new MalformedEncryptedMessageException("encrypted part " + part + ": header line at offset "
                + position + " is unterminated or too long");
    }

    private long header(String line, long announced, int part) throws MalformedEncryptedMessageException {
        String header = line.strip();
        int colon = header.indexOf(':');
        if (colon < 0) {
            throw new MalformedEncryptedMessageException("encrypted part " + part + ": bad header line '"
                    + printable(header) + "'");
        }
        String name = header.substring(0, colon).strip();
        String value = header.substring(colon + 1).strip();
        if (name.equalsIgnoreCase("Content-Type")) {
            if (!value.equalsIgnoreCase(sealer.protocol())) {
                throw new MalformedEncryptedMessageException("encrypted part " + part + " has Content-Type "
                        + printable(value) + ", expected " + sealer.protocol());
            }
            return announced;
        }
        if (name.equalsIgnoreCase("OriginalContent")) {
            String length = EncryptedMessage.parameter(value, "Length");
            if (length == null || length.isEmpty() || length.length() > 10 || !length.chars().allMatch(
                    Character::isDigit)) {
                throw new MalformedEncryptedMessageException("encrypted part " + part + ": OriginalContent has no"
                        + " valid Length (" + printable(value) + ")");
            }
            return Long.parseLong(length);
        }
        return announced;
    }

    /**
     * End of the current part's payload: the next part's boundary, else the closing boundary. Boyer-Moore-Horspool
     * search: in ciphertext most positions are skipped by nearly the delimiter's length, so a 64 KB payload costs a
     * few thousand byte reads instead of a comparison at every offset.
     */
    private int nextPart() {
        int last = delimiter.length - 1;
        for (int i = position; i + delimiter.length <= end; i += skip[body[i + last] & 0xFF]) {
            if (body[i + last] == delimiter[last] && startsWith(i, delimiter) && isLineEnd(i + delimiter.length)) {
                int next = skipLineEnd(i + delimiter.length);
                int header = next;
                while (header < end && (body[header] == '\t' || body[header] == ' ')) {
                    header++;
                }
                if (startsWithIgnoreCase(header, "Content-Type:")) {
                    return i;
                }
            }
        }
        return end;
    }

    private boolean startsWith(int at, byte[] prefix) {
        if (at < 0 || at + prefix.length > body.length) {
            return false;
        }
        return Arrays.equals(body, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private boolean startsWithIgnoreCase(int at, String prefix) {
        if (at + prefix.length() > body.length) {
            return false;
        }
        return new String(body, at, prefix.length(), StandardCharsets.ISO_8859_1).equalsIgnoreCase(prefix);
    }

    private boolean isLineEnd(int at) {
        return at < body.length && (body[at] == '\n' || body[at] == '\r' && at + 1 < body.length
                && body[at + 1] == '\n');
    }

    private int skipLineEnd(int at) {
        return body[at] == '\r' ? at + 2 : at + 1;
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        for (int i = data.length - pattern.length; i >= 0; i--) {
            if (Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
