package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.util.Objects;

/**
 * One SOAP request envelope ready to send.
 *
 * @param action    the WS-Addressing Action URI
 * @param messageId the {@code uuid:...} MessageID the response must relate to
 * @param envelope  UTF-8 XML
 */
public record WsmanRequest(String action, String messageId, byte[] envelope) {
    public WsmanRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(envelope, "envelope");
    }

    /** Short operation name for messages (Create, Command, Receive...). */
    public String operation() {
        return action.substring(action.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return "WsmanRequest[" + operation() + " " + messageId + ", " + envelope.length + " bytes]";
    }
}
