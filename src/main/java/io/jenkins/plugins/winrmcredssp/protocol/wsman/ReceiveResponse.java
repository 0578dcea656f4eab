package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.SHELL;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses a Receive response ([MS-WSMV] 3.1.4.14, 2.2.4.32 ReceiveResponse): each {@code Stream} element is base64
 * decoded and handed to the sink as soon as it is read, so output never accumulates; {@code CommandState} tells
 * whether the command is done and with which exit code.
 */
public final class ReceiveResponse {

    /** Receives output in arrival order. */
    @FunctionalInterface
    public interface StreamSink {
        /** @param stream {@code stdout} or {@code stderr} */
        void write(String stream, byte[] data) throws IOException;
    }

    /**
     * The command's state after this response.
     *
     * @param done     the state was {@code .../CommandState/Done}
     * @param exitCode the process exit code when done (a 32-bit Windows code: large unsigned values wrap negative)
     */
    public record CommandState(boolean done, int exitCode) {
        static final CommandState RUNNING = new CommandState(false, 0);
    }

    private ReceiveResponse() {
    }

    public static CommandState parse(byte[] xml, WsmanRequest request, String commandId, StreamSink sink)
            throws IOException {
        String what = "WS-Management Receive response";
        CommandState[] state = {CommandState.RUNNING};
        SoapResponse.parse(xml, request, reader -> {
            if (!SoapResponse.isElement(reader, SHELL, "ReceiveResponse")) {
                SoapResponse.skip(reader, what);
                return;
            }
            while (SoapResponse.nextChild(reader, what)) {
                if (SoapResponse.isElement(reader, SHELL, "Stream")) {
                    readStream(reader, commandId, sink, what);
                } else if (SoapResponse.isElement(reader, SHELL, "CommandState")) {
                    state[0] = readState(reader, commandId, what);
                } else {
                    SoapResponse.skip(reader, what);
                }
            }
        });
        return state[0];
    }

    private static void readStream(XMLStreamReader reader, String commandId, StreamSink sink, String what)
            throws IOException {
        String name = reader.getAttributeValue(null, "Name");
        checkCommandId(reader, commandId, what);
        byte[] data = base64Content(reader, what);
        if (name == null) {
            throw new MalformedSoapException(what + ": Stream element without a Name");
        }
        if (data.length > 0) {
            sink.write(name, data);
        }
    }

    /**
     * Decodes the base64 text of the current element (whitespace allowed anywhere), reading the parser's characters
     * in place: one pass into an ASCII buffer, then the decoder; no intermediate strings for output that can be
     * hundreds of kilobytes per response. Ends on the element's END_ELEMENT.
     */
    static byte[] base64Content(XMLStreamReader reader, String what) throws MalformedSoapException {
        byte[] ascii = new byte[0];
        int length = 0;
        while (true) {
            switch (SecureXml.next(reader, what)) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    char[] chars = reader.getTextCharacters();
                    int start = reader.getTextStart();
                    int count = reader.getTextLength();
                    if (length + count > ascii.length) {
                        ascii = Arrays.copyOf(ascii, Math.max(length + count, ascii.length * 2));
                    }
                    for (int i = start; i < start + count; i++) {
                        char c = chars[i];
                        if (c > ' ' && c < 0x80) {
                            ascii[length++] = (byte) c;
                        } else if (!Character.isWhitespace(c)) {
                            throw new MalformedSoapException(what + ": Stream content is not base64 (character U+"
                                    + String.format("%04X", (int) c) + ")");
                        }
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    return decode(ascii, length, what);
                }
                case XMLStreamConstants.START_ELEMENT -> throw new MalformedSoapException(
                        what + ": unexpected element " + reader.getName() + " inside a Stream");
                case XMLStreamConstants.END_DOCUMENT -> throw new MalformedSoapException(what + ": truncated document");
                default -> {
                    // comments and processing instructions carry no content
                }
            }
        }
    }

    private static byte[] decode(byte[] ascii, int length, String what) throws MalformedSoapException {
        try {
            ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(ascii, 0, length));
            byte[] array = decoded.array();
            return decoded.arrayOffset() == 0 && decoded.remaining() == array.length ? array
                    : Arrays.copyOfRange(array, decoded.arrayOffset() + decoded.position(),
                            decoded.arrayOffset() + decoded.limit());
        } catch (IllegalArgumentException e) {
            throw new MalformedSoapException(what + ": Stream content is not base64 (" + e.getMessage() + ")", e);
        }
    }

    private static CommandState readState(XMLStreamReader reader, String commandId, String what)
            throws MalformedSoapException {
        checkCommandId(reader, commandId, what);
        String state = reader.getAttributeValue(null, "State");
        String exitCode = null;
        while (SoapResponse.nextChild(reader, what)) {
            if (SoapResponse.isElement(reader, SHELL, "ExitCode")) {
                exitCode = SoapResponse.text(reader, what).strip();
            } else {
                SoapResponse.skip(reader, what);
            }
        }
        if (!WsmanNamespaces.COMMAND_STATE_DONE.equals(state)) {
            return CommandState.RUNNING;
        }
        if (exitCode == null) {
            throw new MalformedSoapException(what + ": CommandState Done without ExitCode");
        }
        try {
            long code = Long.parseLong(exitCode);
            if (code < Integer.MIN_VALUE || code > 0xFFFFFFFFL) {
                throw new NumberFormatException("outside 32 bits");
            }
            return new CommandState(true, (int) code);
        } catch (NumberFormatException e) {
            throw new MalformedSoapException(what + ": ExitCode '" + exitCode + "' is not a 32-bit integer", e);
        }
    }

    private static void checkCommandId(XMLStreamReader reader, String commandId, String what)
            throws MalformedSoapException {
        String actual = reader.getAttributeValue(null, "CommandId");
        if (actual != null && commandId != null && !actual.equalsIgnoreCase(commandId)) {
            throw new MalformedSoapException(what + ": output of command " + actual + " while receiving " + commandId);
        }
    }
}
