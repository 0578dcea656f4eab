package io.jenkins.plugins.winrmcredssp.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The RDP side of a CredSSP exchange with an RDP server such as {@link FreeRdpShadowServer}, for tests only: the X.224
 * Connection Request asking for PROTOCOL_HYBRID (MS-RDPBCGR §2.2.1.1, §2.2.1.1.1) and its confirm (§2.2.1.2,
 * §2.2.1.2.1), after which the socket carries TLS and, inside it, TSRequests as raw DER (MS-RDPBCGR §5.4.5.2; no
 * HTTP). {@link #send(byte[])} and {@link #receive()} move raw TLS record bytes, so a transport-agnostic CredSSP client
 * (TLS records in, TLS records out) can be driven over it.
 */
public final class RdpNlaTransport implements AutoCloseable {
    /** PROTOCOL_HYBRID: TLS plus CredSSP (MS-RDPBCGR §2.2.1.1.1 requestedProtocols). */
    public static final int PROTOCOL_HYBRID = 0x00000002;

    /**
     * TPKT header (version 3, length 19), X.224 CR TPDU (length indicator 14, code 0xE0, DST-REF 0, SRC-REF 0, class
     * 0), RDP_NEG_REQ (type 1, flags 0, length 8, requestedProtocols PROTOCOL_HYBRID).
     */
    private static final byte[] CONNECTION_REQUEST = HexFormat.of().parseHex("030000130ee000000000000100080002000000");
    private static final int CONFIRM_LENGTH = 19;
    private static final int X224_CONNECTION_CONFIRM = 0xD0;
    private static final int TYPE_RDP_NEG_RSP = 0x02;
    private static final int TYPE_RDP_NEG_FAILURE = 0x03;
    private static final int TLS_HEADER_LENGTH = 5;
    /** RFC 8446 §5.2: a TLSCiphertext fragment is at most 2^14 + 256 bytes. */
    private static final int TLS_MAX_FRAGMENT = 16384 + 256;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int selectedProtocol;

    private RdpNlaTransport(Socket socket, int selectedProtocol) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.selectedProtocol = selectedProtocol;
    }

    /** Connects to {@code server} and runs the X.224 prelude. */
    public static RdpNlaTransport connect(FreeRdpShadowServer server, Duration timeout) throws IOException {
        return connect(server.host(), server.port(), timeout);
    }

    /**
     * Connects, sends the X.224 Connection Request for PROTOCOL_HYBRID and checks the server selected it.
     *
     * @param timeout bounds the connect and, as the socket's read timeout, every later {@link #receive()}
     */
    public static RdpNlaTransport connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
            socket.setTcpNoDelay(true);
            socket.getOutputStream().write(CONNECTION_REQUEST);
            socket.getOutputStream().flush();
            byte[] confirm = new byte[CONFIRM_LENGTH];
            readFully(socket.getInputStream(), confirm, "X.224 Connection Confirm");
            return new RdpNlaTransport(socket, checkConfirm(confirm));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** The protocol the server selected; always {@link #PROTOCOL_HYBRID} once {@code connect} returned. */
    public int selectedProtocol() {
        return selectedProtocol;
    }

    /** Sends TLS record bytes as they are. */
    public void send(byte[] tlsRecords) throws IOException {
        out.write(tlsRecords);
        out.flush();
    }

    /**
     * Reads one whole TLS record, plus every further whole record whose header has already arrived, and returns their
     * bytes as received. Blocks at most the socket timeout for each record.
     *
     * @throws EOFException the server closed the connection before a record began (FreeRDP does this after refusing
     *     an NTLM AUTHENTICATE)
     * @throws java.net.SocketTimeoutException nothing arrived in time
     */
    public byte[] receive() throws IOException {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        do {
            byte[] header = new byte[TLS_HEADER_LENGTH];
            int first = in.read();
            if (first < 0) {
                if (records.size() > 0) {
                    break;
                }
                throw new EOFException("the RDP server closed the connection");
            }
            header[0] = (byte) first;
            readFully(in, header, 1, TLS_HEADER_LENGTH - 1, "TLS record header");
            int length = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
            if (length > TLS_MAX_FRAGMENT) {
                throw new IOException("not a TLS record: header " + HexFormat.of().formatHex(header));
            }
            byte[] body = new byte[length];
            readFully(in, body, 0, length, "TLS record of " + length + " bytes");
            records.write(header);
            records.write(body);
        } while (in.available() >= TLS_HEADER_LENGTH);
        return records.toByteArray();
    }

    public Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static int checkConfirm(byte[] confirm) throws IOException {
        String hex = HexFormat.of().formatHex(confirm);
        if (confirm[0] != 3 || ((confirm[2] & 0xFF) << 8 | (confirm[3] & 0xFF)) != CONFIRM_LENGTH
                || (confirm[5] & 0xFF) != X224_CONNECTION_CONFIRM) {
            throw new IOException("not an X.224 Connection Confirm of 19 bytes: " + hex);
        }
        int type = confirm[11] & 0xFF;
        int value = (confirm[15] & 0xFF) | (confirm[16] & 0xFF) << 8 | (confirm[17] & 0xFF) << 16
                | (confirm[18] & 0xFF) << 24;
        if (type == TYPE_RDP_NEG_FAILURE) {
            throw new IOException("the RDP server refused PROTOCOL_HYBRID: RDP_NEG_FAILURE code " + value
                    + " (MS-RDPBCGR §2.2.1.2.2)");
        }
        if (type != TYPE_RDP_NEG_RSP || value != PROTOCOL_HYBRID) {
            throw new IOException("the RDP server did not select PROTOCOL_HYBRID: " + hex);
        }
        return value;
    }

    private static void readFully(InputStream in, byte[] buffer, String what) throws IOException {
        readFully(in, buffer, 0, buffer.length, what);
    }

    private static void readFully(InputStream in, byte[] buffer, int offset, int length, String what)
            throws IOException {
        int done = 0;
        while (done < length) {
            int n = in.read(buffer, offset + done, length - done);
            if (n < 0) {
                throw new EOFException("the RDP server closed the connection in the middle of the " + what + " (got "
                        + done + " of " + length + " bytes: "
                        + HexFormat.of().formatHex(Arrays.copyOfRange(buffer, offset, offset + done)) + ")");
            }
            done += n;
        }
    }
}
