package io.jenkins.plugins.winrmcredssp.protocol.auth;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;

/**
 * A GSS-API-like security context (RFC 2743 §2.2) of one mechanism, initiator or acceptor: exchanges opaque tokens
 * until established, then protects messages. One implementation per mechanism (NTLM, Kerberos) plus SPNEGO on top.
 * Not thread-safe: one context serves one authentication exchange.
 */
public interface SecurityContext extends AutoCloseable {

    /** The mechanism this context runs (for SPNEGO, {@link Mechanism#SPNEGO}; see {@link #negotiatedMechanism()}). */
    Mechanism mechanism();

    /** The mechanism that actually authenticated: the same as {@link #mechanism()} except for SPNEGO. */
    default Mechanism negotiatedMechanism() {
        return mechanism();
    }

    /**
     * Processes the peer's token and returns the token to send back.
     *
     * @param input the peer's token; {@code null} on an initiator's first call
     * @return the token for the peer, or {@code null} when there is nothing to send
     * @throws ProtocolException a malformed token, a rejection, or a failed verification
     */
    byte[] step(byte[] input) throws ProtocolException;

    /** Whether the exchange is complete and messages may be protected. */
    boolean isEstablished();

    /**
     * Whether {@link #wrap}/{@link #unwrap} already work although the exchange is not complete: GSS-API's
     * prot_ready_state (RFC 2743 §1.2.7), e.g. SPNEGO over NTLM once the AUTHENTICATE_MESSAGE is out while the
     * acceptor's mechListMIC is still due. CredSSP then sends pubKeyAuth with that last token, as Windows clients do.
     */
    default boolean isProtectionReady() {
        return isEstablished();
    }

    /** Integrity and confidentiality protection of one message (GSS_Wrap with conf_req_flag). */
    byte[] wrap(byte[] message) throws ProtocolException;

    /** Verifies and decrypts a message wrapped by the peer (GSS_Unwrap). */
    byte[] unwrap(byte[] token) throws ProtocolException;

    /** Integrity check value over a message (GSS_GetMIC). */
    byte[] getMic(byte[] message) throws ProtocolException;

    /** Verifies the peer's integrity check value (GSS_VerifyMIC); throws when it does not match. */
    void verifyMic(byte[] message, byte[] mic) throws ProtocolException;

    /**
     * Restarts the sealing key streams after SPNEGO's mechListMIC exchange, as MS-SPNG §3.3.5.1 requires for
     * mechanisms whose keys are stream ciphers (NTLM's RC4). A no-op elsewhere.
     */
    default void resetCryptoState() {
    }

    /** Acceptor: the authenticated client ({@code DOMAIN\\user} or principal). Initiator: the target, if known. */
    default String peerName() {
        return null;
    }

    /** Forgets keys and secrets; the context cannot be used afterwards. */
    @Override
    void close();
}
