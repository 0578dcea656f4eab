package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One frame of the transfer protocol: a type byte (an ASCII letter), the payload length as a 4-byte big-endian
 * unsigned integer, then the payload. See {@link FileTransfer} for the frame types and the conversation.
 *
 * @param type    the frame type, e.g. {@link #CHUNK}
 * @param payload the bytes (text payloads are UTF-8)
 */
record TransferFrame(byte type, byte[] payload) {
    /** Bytes before the payload. */
    static final int HEADER = 5;

    // client -> agent
    static final byte UPLOAD = 'U';
    static final byte BEGIN = 'B';
    static final byte ABANDON = 'A';
    static final byte PING = 'P';
    static final byte QUIT = 'Q';
    static final byte GET = 'G';
    // both directions
    static final byte CHUNK = 'C';
    static final byte END = 'E';
    // agent -> client
    static final byte HELLO = 'V';
    static final byte NEEDS = 'N';
    static final byte RESULT = 'R';
    static final byte PONG = 'K';
    static final byte ERROR = 'X';
    static final byte SIZE = 'S';
    static final byte DONE = 'Z';

    /** Payload of the agent's first frame. */
    static final String GREETING = "winrm-credssp-transfer 1";

    TransferFrame {
        Objects.requireNonNull(payload, "payload");
    }

    static TransferFrame text(byte type, String text) {
        return new TransferFrame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The type as a printable character. */
    char typeChar() {
        return (char) (type & 0xff);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(header(type, payload.length));
        out.write(payload);
    }

    /** The {@value #HEADER} bytes before a payload of {@code length} bytes. */
    static byte[] header(byte type, int length) {
        return new byte[] {type, (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }
}
