package io.jenkins.plugins.winrmcredssp.protocol.credssp;

/** The legs of a CredSSP exchange, MS-CSSP §3.1.5, as users see them in errors. */
public enum CredSspStage {
    /** Step 1: the TLS handshake that carries everything else. */
    TLS_HANDSHAKE("TLS handshake"),
    /** Step 2: the inner SPNEGO/NTLM/Kerberos tokens, one round per TSRequest exchange. */
    AUTHENTICATION("authentication"),
    /** Steps 3 and 4: pubKeyAuth binds the inner authentication to the TLS server key. */
    PUBLIC_KEY_EXCHANGE("public key exchange"),
    /** Step 5: the TSCredentials. */
    CREDENTIAL_DELEGATION("credential delegation"),
    /** The exchange is over; the TLS session protects application messages. */
    DONE("done");

    private final String displayName;

    CredSspStage(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** "authentication round 2" for {@link #AUTHENTICATION}, the display name otherwise. */
    public String describe(int round) {
        return this == AUTHENTICATION ? displayName + " round " + round : displayName;
    }
}
