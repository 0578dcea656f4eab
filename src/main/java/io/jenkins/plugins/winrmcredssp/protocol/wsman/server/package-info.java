/**
 * A local WinRM service for tests and demos: {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.server.LocalWinRmService}
 * serves WS-Management (DSP0226) with the Windows shell resource (MS-WSMV §3.1.4.1) on 127.0.0.1 over HTTP or HTTPS,
 * runs commands as local {@code /bin/sh} processes, and authenticates each TCP connection with pluggable
 * {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.server.HttpAuthenticator}s: Basic (HTTPS only), Negotiate
 * (raw NTLMSSP or SPNEGO/NTLM) and CredSSP, with MS-WSMV §2.2.9.1 message encryption on HTTP. Unencrypted SOAP is
 * refused on HTTP. {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.server.FaultInjection} makes it misbehave on
 * purpose; {@link io.jenkins.plugins.winrmcredssp.protocol.wsman.server.ShellRegistry} tells tests what it ran.
 */
package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;
