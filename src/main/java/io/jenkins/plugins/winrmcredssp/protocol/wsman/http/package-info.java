/**
 * WinRM over HTTP(S) with CredSSP on Apache HttpClient 5 (classic API): {@link
 * io.jenkins.plugins.winrmcredssp.protocol.wsman.http.CredSspHttpTransport} (the CredSSP legs in HTTP headers on one
 * keep-alive connection, MS-WSMV 2.2.9.1.3 message encryption on HTTP) and the facade {@link
 * io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmCredSspClient} configured by {@link
 * io.jenkins.plugins.winrmcredssp.protocol.wsman.http.WinRmConnection}. No Jenkins imports.
 */
package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;
