package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.IOException;

/**
 * Carries one SOAP envelope to the WS-Management service and brings back the answer; authentication and message
 * encryption ({@link EncryptedMessage}) live below this interface.
 *
 * <p>Contract: return the (decrypted) response envelope for HTTP 200 <em>and</em> for HTTP 500 when it carries a
 * SOAP body, since WS-Management faults — including the Receive OperationTimeout that only means "poll again" —
 * travel as 500 ([MS-WSMV] 3.1.4.1.34). Throw an {@link IOException} for anything else (401, other statuses, I/O
 * failures). A blocked exchange should honour thread interruption by throwing
 * {@link java.io.InterruptedIOException}; its read timeout must exceed {@link WsmanSettings#operationTimeout()}.
 * Calls come from one thread at a time per shell.
 */
@FunctionalInterface
public interface WsmanTransport {
    byte[] exchange(byte[] soapRequest) throws IOException;
}
