package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import java.net.URI;
import java.util.Optional;

/**
 * What a {@link WinRmCredSspClient} negotiated, for {@code --verbose} output and build logs. Holds no secret.
 *
 * @param endpoint              the WinRM endpoint
 * @param messageEncryption     true on HTTP (bodies sealed with the CredSSP session), false on HTTPS
 * @param tlsProtocol           the CredSSP TLS session's protocol, e.g. {@code TLSv1.3}
 * @param tlsCipherSuite        its cipher suite
 * @param credSspVersion        the negotiated CredSSP (TSRequest) version
 * @param innerMechanism        the inner authentication that ran (Kerberos or NTLM)
 * @param httpLegs              HTTP requests that carried a CredSSP token, over all authentications
 * @param authentications       CredSSP authentications (more than 1 after a transparent re-authentication)
 * @param kerberosFallbackReason why Kerberos was left out when AUTO fell back to NTLM
 */
public record SessionInfo(URI endpoint, boolean messageEncryption, String tlsProtocol, String tlsCipherSuite,
        int credSspVersion, Mechanism innerMechanism, int httpLegs, int authentications,
        Optional<String> kerberosFallbackReason) {

    /** One line, e.g. {@code CredSSP v6 over TLSv1.3 (TLS_AES_256_GCM_SHA384), inner NTLM, 4 HTTP legs, ...}. */
    public String describe() {
        return "CredSSP v" + credSspVersion + " over " + tlsProtocol + " (" + tlsCipherSuite + "), inner "
                + innerMechanism.displayName() + ", " + httpLegs + " HTTP legs, "
                + (messageEncryption ? "HTTP bodies encrypted with the CredSSP session" : "HTTPS") + ", " + endpoint
                + kerberosFallbackReason.map(r -> "; Kerberos not used: " + r).orElse("");
    }
}
