/**
 * WS-Management shell client ([MS-WSMV] 3.1.4: Create, Command, Send, Receive, Signal, Delete) and the HTTP message
 * encryption framing ([MS-WSMV] 2.2.9.1), independent of how the bytes travel.
 *
 * <ul>
 *   <li>{@link io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanRequestBuilder} builds one SOAP envelope per
 *   operation; {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.SoapResponse},
 *   {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.ReceiveResponseParser} and friends parse the answers,
 *   turning SOAP faults into {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanFaultException};</li>
 *   <li>{@link io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmClient} and
 *   {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell} run commands over a
 *   {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanTransport};</li>
 *   <li>{@link io.jenkins.plugins.winrmcredssp.protocol.wsman.PowerShellCommand} and
 *   {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.ClixmlDecodingOutputStream} make PowerShell usable;</li>
 *   <li>{@link io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage} frames sealed bodies
 *   ({@code multipart/encrypted}, {@code multipart/x-multi-encrypted}) around a
 *   {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.SessionSealer}.</li>
 * </ul>
 */
package io.jenkins.plugins.winrmcredssp.protocol.wsman;
