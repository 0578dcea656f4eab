package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import javax.net.ssl.SSLException;

/**
 * What the CredSSP initiator and acceptor share (MS-CSSP §3): the TLS channel carrying the TSRequests, the stage and
 * authentication round reached, the negotiated version, and, once the exchange is done, protection of application
 * messages with the same TLS session (MS-WSMV §2.2.9.1).
 */
public abstract sealed class CredSspContext implements AutoCloseable permits CredSspClientContext, CredSspAcceptorContext {
    /** The highest CredSSP version this implementation speaks. */
    public static final int MAX_VERSION = 6;
    /** The lowest version with a pubKeyAuth computation (MS-CSSP §2.2.1). */
    public static final int MIN_VERSION = 2;

    /** Opens the TLS end of a context. */
    interface TlsOpener {
        TlsChannel open() throws SSLException;
    }

    final TsRequestChannel channel;
    CredSspStage stage = CredSspStage.TLS_HANDSHAKE;
    int round;
    int negotiatedVersion;
    CredSspException failure;

    CredSspContext(TlsOpener tls) throws CredSspException {
        try {
            channel = new TsRequestChannel(tls.open());
        } catch (SSLException e) {
            throw new CredSspException(CredSspStage.TLS_HANDSHAKE, 0, "cannot start TLS: " + e.getMessage(), e);
        }
    }

    public final boolean isComplete() {
        return stage == CredSspStage.DONE;
    }

    /** Where the exchange is: the leg whose peer message is awaited, or {@link CredSspStage#DONE}. */
    public final CredSspStage stage() {
        return stage;
    }

    /** Authentication rounds so far (TSRequests carrying negoTokens before the public key exchange). */
    public final int authenticationRound() {
        return round;
    }

    /** min(peer's version, our maximum); 0 until the peer's first TSRequest. */
    public final int negotiatedVersion() {
        return negotiatedVersion;
    }

    /** The negotiated TLS protocol, e.g. {@code TLSv1.3}. */
    public final String tlsProtocol() {
        return channel.tls().protocol();
    }

    /** The negotiated TLS cipher suite, e.g. {@code TLS_AES_256_GCM_SHA384}. */
    public final String tlsCipherSuite() {
        return channel.tls().cipherSuite();
    }

    /** The largest message {@link #wrap} takes: 16384, or 16367 with TLS 1.3 (the JDK pads records). */
    public final int maxWrapLength() {
        requireDone();
        return channel.maxWrapLength();
    }

    /** Protects one application message (1 to {@link #maxWrapLength()} bytes) in exactly one TLS record. */
    public final TlsRecord wrap(byte[] plaintext) throws CredSspException {
        requireDone();
        return channel.wrapMessage(plaintext, round);
    }

    /** Decrypts whole TLS records from the peer. */
    public final byte[] unwrap(byte[] records) throws CredSspException {
        requireDone();
        return channel.unwrapMessage(records, round);
    }

    final void requireDone() {
        if (stage != CredSspStage.DONE) {
            throw new IllegalStateException("CredSSP is at " + stage.describe(round) + ", not complete");
        }
    }

    /** Step entry: rethrows an earlier failure, refuses steps after completion. */
    final void requireStepAllowed() throws CredSspException {
        if (failure != null) {
            throw failure;
        }
        if (stage == CredSspStage.DONE) {
            throw new IllegalStateException("the CredSSP exchange is complete; use wrap/unwrap");
        }
    }

    final CredSspException error(String message, Throwable cause) {
        return new CredSspException(stage, round, message, cause);
    }

    /** Records the failure: every later step rethrows it. */
    final <E extends CredSspException> E fail(E e) {
        failure = e;
        return e;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + stage.describe(round) + ", version " + negotiatedVersion + "]";
    }
}
