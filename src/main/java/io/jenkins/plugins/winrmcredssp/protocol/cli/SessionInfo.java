package io.jenkins.plugins.winrmcredssp.protocol.cli;

/**
 * What {@code --verbose} reports about an authenticated session.
 *
 * @param outerTls       outer HTTPS protocol and cipher suite, {@code null} on http://
 * @param tlsProtocol    the CredSSP TLS channel's protocol (MS-CSSP §3.1.5 step 1)
 * @param tlsCipherSuite the CredSSP TLS channel's cipher suite
 * @param httpLegs       HTTP requests the CredSSP exchange took, the one carrying the credentials included
 */
public record SessionInfo(String outerTls, String tlsProtocol, String tlsCipherSuite, int credSspVersion,
        String innerMechanism, int httpLegs) {
}
