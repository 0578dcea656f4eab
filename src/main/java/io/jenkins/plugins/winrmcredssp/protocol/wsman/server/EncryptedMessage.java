package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The MIME framing of MS-WSMV §2.2.9.1 encrypted bodies. Each plaintext part becomes two MIME parts:
 * <pre>
 * --Encrypted Boundary\r\n
 * \tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n
 * \tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=N\r\n
 * --Encrypted Boundary\r\n
 * \tContent-Type: application/octet-stream\r\n
 * &lt;sealed payload&gt;
 * </pre>
 * followed by {@code --Encrypted Boundary--\r\n}. Messages longer than the sealing's part size are sent as
 * {@code multipart/x-multi-encrypted} with one pair per chunk.
 */
public final class EncryptedMessage {
    public static final String BOUNDARY = "Encrypted Boundary";
    private static final byte[] DELIMITER = ("--" + BOUNDARY).getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final Pattern LENGTH = Pattern.compile(";\\s*Length=(\\d{1,10})\\s*$");

    private EncryptedMessage() {
    }

    /** Whether a Content-Type announces an encrypted body. */
    public static boolean isEncrypted(String contentType) {
        String lower = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        return lower.startsWith("multipart/encrypted") || lower.startsWith("multipart/x-multi-encrypted");
    }

    /** The Content-Type header for a message of this plaintext length. */
    public static String contentType(MessageSealing sealing, int plaintextLength) {
        String type = plaintextLength > sealing.maxPlaintextPerPart() ? "multipart/x-multi-encrypted" : "multipart/encrypted";
        return type + ";protocol=\"" + sealing.protocol() + "\";boundary=\"" + BOUNDARY + "\"";
    }

    public static byte[] encode(MessageSealing sealing, byte[] plaintext) throws ProtocolException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 512);
        int chunk = sealing.maxPlaintextPerPart();
        int offset = 0;
        do {
            int length = Math.min(chunk, plaintext.length - offset);
            byte[] part = Arrays.copyOfRange(plaintext, offset, offset + length);
            String headers = "--" + BOUNDARY + "\r\n"
                    + "\tContent-Type: " + sealing.protocol() + "\r\n"
                    + "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + length + "\r\n"
                    + "--" + BOUNDARY + "\r\n"
                    + "\tContent-Type: application/octet-stream\r\n";
            out.writeBytes(headers.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(sealing.seal(part));
            offset += length;
        } while (offset < plaintext.length);
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** Decrypts a body, checking its protocol against the sealing's and each part's length against Length=. */
    public static byte[] decode(String contentType, byte[] body, MessageSealing sealing) throws ProtocolException {
        if (!isEncrypted(contentType)) {
            throw new MalformedTokenException("encrypted message: Content-Type '" + contentType + "' is not multipart/encrypted");
        }
        if (!contentType.toLowerCase(Locale.ROOT).contains("protocol=\"" + sealing.protocol().toLowerCase(Locale.ROOT) + "\"")) {
            throw new MalformedTokenException("encrypted message: protocol in '" + contentType
                    + "' does not match the authenticated session's " + sealing.protocol());
        }
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream(body.length);
        int pos = expectDelimiter(body, 0);
        while (true) {
            if (startsWith(body, pos, "--".getBytes(StandardCharsets.US_ASCII))) {
                break; // closing delimiter
            }
            pos = skip(body, pos, CRLF, "CRLF after boundary");
            int headerEnd = indexOf(body, DELIMITER, pos);
            if (headerEnd < 0) {
                throw new MalformedTokenException("encrypted message: missing second boundary of a part");
            }
            String header = new String(body, pos, headerEnd - pos, StandardCharsets.US_ASCII).trim();
            int expectedLength = originalLength(header);
            pos = skip(body, headerEnd + DELIMITER.length, CRLF, "CRLF after boundary");
            int lineEnd = indexOf(body, CRLF, pos);
            if (lineEnd < 0 || !new String(body, pos, lineEnd - pos, StandardCharsets.US_ASCII).trim()
                    .equalsIgnoreCase("Content-Type: application/octet-stream")) {
                throw new MalformedTokenException("encrypted message: second part is not application/octet-stream");
            }
            pos = lineEnd + CRLF.length;
            int payloadEnd = indexOf(body, DELIMITER, pos);
            if (payloadEnd < 0) {
                throw new MalformedTokenException("encrypted message: missing closing boundary");
            }
            byte[] part = sealing.unseal(Arrays.copyOfRange(body, pos, payloadEnd));
            if (part.length != expectedLength) {
                throw new MalformedTokenException("encrypted message: decrypted " + part.length
                        + " bytes but OriginalContent says Length=" + expectedLength);
            }
            plaintext.writeBytes(part);
            pos = payloadEnd + DELIMITER.length;
        }
        return plaintext.toByteArray();
    }

    private static int originalLength(String header) throws MalformedTokenException {
        for (String line : header.split("\r\n")) {
            String trimmed = line.trim();
            if (trimmed.regionMatches(true, 0, "OriginalContent:", 0, 16)) {
                Matcher m = LENGTH.matcher(trimmed);
                if (m.find()) {
                    long length = Long.parseLong(m.group(1));
                    if (length <= Integer.MAX_VALUE) {
                        return (int) length;
                    }
                }
            }
        }
        throw new MalformedTokenException("encrypted message: part header has no OriginalContent ...;Length=<n>");
    }

    private static int expectDelimiter(byte[] body, int pos) throws MalformedTokenException {
        if (!startsWith(body, pos, DELIMITER)) {
            throw new MalformedTokenException("encrypted message: body does not start with --" + BOUNDARY);
        }
        return pos + DELIMITER.length;
    }

    private static int skip(byte[] body, int pos, byte[] expected, String what) throws MalformedTokenException {
        if (!startsWith(body, pos, expected)) {
            throw new MalformedTokenException("encrypted message: expected " + what + " at offset " + pos);
        }
        return pos + expected.length;
    }

    private static boolean startsWith(byte[] body, int pos, byte[] prefix) {
        return body.length - pos >= prefix.length && Arrays.equals(body, pos, pos + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] body, byte[] needle, int from) {
        for (int i = from; i <= body.length - needle.length; i++) {
            if (startsWith(body, i, needle)) {
                return i;
            }
        }
        return -1;
    }
}
