package io.jenkins.plugins.winrmcredssp.protocol.transfer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Incremental parser of the frames the agent writes on stdout, fed with whatever each Receive delivers. The agent is
 * not trusted: the first frame must be the greeting, types must be known, payloads at most {@link #maxPayload} bytes
 * (so a hostile length cannot make the client allocate), and output ending inside a frame is an error.
 */
final class FrameDecoder {
    static final String AGENT_TYPES = "VNRKXSCEZ";

    private final int maxPayload;
    private final Queue<TransferFrame> frames = new ArrayDeque<>();
    private final byte[] header = new byte[TransferFrame.HEADER];
    private int headerFill;
    private byte[] payload;
    private int payloadFill;
    private boolean greeted;

    FrameDecoder(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** Parses {@code data}; complete frames become available from {@link #poll()}. */
    void feed(byte[] data) throws FileTransferException {
        int i = 0;
        while (i < data.length) {
            if (payload == null) {
                int n = Math.min(TransferFrame.HEADER - headerFill, data.length - i);
                System.arraycopy(data, i, header, headerFill, n);
                headerFill += n;
                i += n;
                if (headerFill == TransferFrame.HEADER) {
                    startPayload();
                }
            } else {
                int n = Math.min(payload.length - payloadFill, data.length - i);
                System.arraycopy(data, i, payload, payloadFill, n);
                payloadFill += n;
                i += n;
            }
            if (payload != null && payloadFill == payload.length) {
                complete();
            }
        }
    }

    private void startPayload() throws FileTransferException {
        byte type = header[0];
        if (!greeted && type != TransferFrame.HELLO) {
            throw malformed("the agent's output does not start with the transfer greeting but with '"
                    + printable(header) + "' (is something else writing to stdout?)");
        }
        if (AGENT_TYPES.indexOf(type & 0xff) < 0) {
            throw malformed("unknown frame type 0x" + Integer.toHexString(type & 0xff) + " from the agent");
        }
        long length = ((header[1] & 0xffL) << 24) | ((header[2] & 0xff) << 16) | ((header[3] & 0xff) << 8)
                | (header[4] & 0xff);
        if (length > maxPayload) {
            throw malformed("frame '" + (char) type + "' announces " + length + " bytes, more than the limit of "
                    + maxPayload);
        }
        payload = new byte[(int) length];
        payloadFill = 0;
    }

    private void complete() throws FileTransferException {
        TransferFrame frame = new TransferFrame(header[0], payload);
        if (!greeted) {
            if (!TransferFrame.GREETING.equals(frame.text())) {
                throw malformed("the agent greets with '" + printable(payload) + "', expected '"
                        + TransferFrame.GREETING + "'");
            }
            greeted = true;
        } else {
            frames.add(frame);
        }
        payload = null;
        headerFill = 0;
    }

    /** The next complete frame, or {@code null}. */
    TransferFrame poll() {
        return frames.poll();
    }

    /** Called when the agent's output has ended: it must not end inside a frame. */
    void finish() throws FileTransferException {
        if (headerFill > 0) {
            throw malformed("the agent's output ended inside a frame ("
                    + (payload == null ? headerFill + " of 5 header bytes" : payloadFill + " of " + payload.length
                    + " payload bytes of frame '" + (char) header[0] + "'") + ")");
        }
    }

    private static String printable(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, 80), StandardCharsets.UTF_8);
        return text.replaceAll("[\\p{Cntrl}&&[^\\r\\n\\t]]", "?");
    }

    static FileTransferException malformed(String message) {
        return new FileTransferException(FileTransferException.Stage.TRANSFER, FileTransferException.Reason.PROTOCOL,
                null, null, message);
    }
}
