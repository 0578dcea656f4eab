package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * MIME framing of sealed WS-Management bodies on HTTP ([MS-WSMV] 2.2.9.1). Each part is
 *
 * <pre>
 * --Encrypted Boundary\r\n
 * \tContent-Type: &lt;protocol&gt;\r\n
 * \tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=&lt;plaintext length&gt;\r\n
 * --Encrypted Boundary\r\n
 * \tContent-Type: application/octet-stream\r\n
 * &lt;uint32 LE trailer length&gt;&lt;sealed bytes&gt;
 * </pre>
 *
 * and the body ends with {@code --Encrypted Boundary--\r\n}. With a part size limit (CredSSP: 16384, one TLS record,
 * [MS-WSMV] 2.2.9.1.3) a longer plaintext becomes {@code multipart/x-multi-encrypted}: one part per chunk, each with
 * its own Length. Decoding checks the Content-Type and protocol, the layout, and each part's decrypted length.
 */
public final class EncryptedMessage {
    public static final String CREDSSP_PROTOCOL = "application/HTTP-CredSSP-session-encrypted";
    public static final String SPNEGO_PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
    public static final String BOUNDARY = "Encrypted Boundary";
    public static final String SINGLE_TYPE = "multipart/encrypted";
    public static final String MULTI_TYPE = "multipart/x-multi-encrypted";
    /** Largest plaintext per CredSSP part: one TLS record. */
    public static final int CREDSSP_PART_LIMIT = 16384;

    private static final String ORIGINAL_TYPE = "type=application/soap+xml;charset=UTF-8;Length=";

    private final SessionSealer sealer;
    private final int partLimit;

    /**
     * @param partLimit largest plaintext per part, or 0 to always send one part
     */
    public EncryptedMessage(SessionSealer sealer, int partLimit) {
        this.sealer = Objects.requireNonNull(sealer, "sealer");
        if (partLimit < 0) {
            throw new IllegalArgumentException("part limit must be >= 0, not " + partLimit);
        }
        this.partLimit = partLimit;
    }

    /** CredSSP flavour: parts of at most 16384 bytes. */
    public static EncryptedMessage credSsp(SessionSealer sealer) {
        return new EncryptedMessage(sealer, CREDSSP_PART_LIMIT);
    }

    /** SPNEGO (NTLM, Kerberos) flavour: always one part. */
    public static EncryptedMessage spnego(SessionSealer sealer) {
        return new EncryptedMessage(sealer, 0);
    }

    /**
     * An encoded request body and the Content-Type header to send with it.
     *
     * @param contentType e.g. {@code multipart/encrypted;protocol="...";boundary="Encrypted Boundary"}
     * @param body        the MIME body
     */
    public record Encoded(String contentType, byte[] body) {
    }

    /** Whether a response Content-Type announces an encrypted body. */
    public static boolean isEncrypted(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = mediaType(contentType);
        return type.equals(SINGLE_TYPE) || type.equals(MULTI_TYPE);
    }

    /** Seals {@code plaintext} (UTF-8 SOAP) into a MIME body. */
    public Encoded encode(byte[] plaintext) throws IOException {
        boolean multi = partLimit > 0 && plaintext.length > partLimit;
        int step = multi ? partLimit : Math.max(plaintext.length, 1);
        ByteArrayOutputStream body = new ByteArrayOutputStream(plaintext.length + 512);
        int offset = 0;
        do {
            int count = Math.min(step, plaintext.length - offset);
            byte[] chunk = java.util.Arrays.copyOfRange(plaintext, offset, offset + count);
            SessionSealer.Sealed sealed = sealer.wrap(chunk);
            ascii(body, "--" + BOUNDARY + "\r\n\tContent-Type: " + sealer.protocol() + "\r\n\tOriginalContent: "
                    + ORIGINAL_TYPE + count + "\r\n--" + BOUNDARY + "\r\n\tContent-Type: application/octet-stream\r\n");
            body.write(new LittleEndianWriter(4).writeInt32(sealed.trailerLength()).toByteArray());
            body.write(sealed.data());
            offset += count;
        } while (offset < plaintext.length);
        ascii(body, "--" + BOUNDARY + "--\r\n");
        String contentType = (multi ? MULTI_TYPE : SINGLE_TYPE) + ";protocol=\"" + sealer.protocol() + "\";boundary=\""
                + BOUNDARY + "\"";
        return new Encoded(contentType, body.toByteArray());
    }

    /**
     * Checks and opens an encrypted response body.
     *
     * @throws UnencryptedMessageException        the Content-Type is not multipart/(x-multi-)encrypted
     * @throws MalformedEncryptedMessageException wrong protocol, or a body not laid out as MS-WSMV 2.2.9.1 says
     * @throws EncryptedLengthMismatchException   a part decrypted to another length than announced
     */
    public byte[] decode(String contentType, byte[] body) throws IOException {
        if (!isEncrypted(contentType)) {
            throw new UnencryptedMessageException(contentType);
        }
        String protocol = parameter(contentType, "protocol");
        if (protocol == null || !protocol.equalsIgnoreCase(sealer.protocol())) {
            throw new MalformedEncryptedMessageException("encrypted body with protocol " + protocol + ", expected "
                    + sealer.protocol() + " (Content-Type: " + contentType + ")");
        }
        String boundary = parameter(contentType, "boundary");
        return new Parser(body, "--" + (boundary == null ? BOUNDARY : boundary)).parts();
    }

    private final class Parser {
        private final byte[] body;
        private final byte[] delimiter;
        private final int end;
        private int position;

        Parser(byte[] body, String delimiter) throws MalformedEncryptedMessageException {
            this.body = body;
            this.delimiter = delimiter.getBytes(StandardCharsets.ISO_8859_1);
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
                byte[] data = java.util.Arrays.copyOfRange(body, position + 4, dataEnd);
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
                String length = parameter(value, "Length");
                if (length == null || length.isEmpty() || length.length() > 10 || !length.chars().allMatch(
                        Character::isDigit)) {
                    throw new MalformedEncryptedMessageException("encrypted part " + part + ": OriginalContent has no"
                            + " valid Length (" + printable(value) + ")");
                }
                return Long.parseLong(length);
            }
            return announced;
        }

        /** End of the current part's payload: the next part's boundary, else the closing boundary. */
        private int nextPart() {
            for (int i = position; i + delimiter.length <= end; i++) {
                if (startsWith(i, delimiter) && isLineEnd(i + delimiter.length)) {
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
            return java.util.Arrays.equals(body, at, at + prefix.length, prefix, 0, prefix.length);
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
    }

    private static int lastIndexOf(byte[] data, byte[] pattern) {
        for (int i = data.length - pattern.length; i >= 0; i--) {
            if (java.util.Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** A {@code name=value} or {@code name="value"} parameter of a header value (case-insensitive name). */
    static String parameter(String headerValue, String name) {
        for (String piece : headerValue.split(";")) {
            int equals = piece.indexOf('=');
            if (equals > 0 && piece.substring(0, equals).strip().equalsIgnoreCase(name)) {
                String value = piece.substring(equals + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String printable(String text) {
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
