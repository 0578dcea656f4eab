package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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

    /**
     * CredSSP flavour with parts of at most 16384 bytes, the TLS maximum record plaintext: right for peers whose
     * records take that much (TLS 1.2). A JDK TLS 1.3 session takes less per record (16367 bytes): use
     * {@link #credSsp(SessionSealer, int)} with the context's {@code maxWrapLength()}.
     */
    public static EncryptedMessage credSsp(SessionSealer sealer) {
        return new EncryptedMessage(sealer, CREDSSP_PART_LIMIT);
    }

    /**
     * CredSSP flavour with parts no larger than one TLS record of this session holds.
     *
     * @param maxRecordPlaintext the session's largest plaintext per record (CredSspContext.maxWrapLength()), at most
     *                           16384
     */
    public static EncryptedMessage credSsp(SessionSealer sealer, int maxRecordPlaintext) {
        if (maxRecordPlaintext < 1 || maxRecordPlaintext > CREDSSP_PART_LIMIT) {
            throw new IllegalArgumentException("a TLS record holds 1 to " + CREDSSP_PART_LIMIT + " plaintext bytes, not "
                    + maxRecordPlaintext);
        }
        return new EncryptedMessage(sealer, maxRecordPlaintext);
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
            byte[] chunk = Arrays.copyOfRange(plaintext, offset, offset + count);
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
        return new EncryptedMessageReader(sealer, body, "--" + (boundary == null ? BOUNDARY : boundary)).parts();
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
}
