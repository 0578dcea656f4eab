package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAuthenticationException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * The CredSSP acceptor, MS-CSSP §3.2.5, for tests and the local WinRM test service: a TLS server with its own key,
 * an inner acceptor {@link SecurityContext}, pubKeyAuth verification for versions 2 to 6, and the client's
 * TSCredentials decrypted into {@link TsPasswordCreds}. A refused client gets an errorCode (see
 * {@link CredSspAcceptorException#tokenForClient()}). Not thread-safe.
 */
public final class CredSspAcceptorContext implements AutoCloseable {
    private final Supplier<? extends SecurityContext> innerFactory;
    private final int minimumVersion;
    private final int maximumVersion;
    private final TsRequestChannel channel;

    private CredSspStage stage = CredSspStage.TLS_HANDSHAKE;
    private int round;
    private int negotiatedVersion;
    private byte[] serverPublicKey;
    private SecurityContext inner;
    private TsPasswordCreds delegated;
    private CredSspException failure;
    /** What the current step has produced so far; a refusal is appended to it (e.g. after a TLS 1.3 ticket). */
    private ByteArrayOutputStream out;

    private CredSspAcceptorContext(Builder b) throws CredSspException {
        innerFactory = b.innerFactory;
        minimumVersion = b.minimumVersion;
        maximumVersion = b.maximumVersion;
        try {
            channel = new TsRequestChannel(TlsChannel.server(b.identity, b.tlsOptions));
        } catch (SSLException e) {
            throw new CredSspException(CredSspStage.TLS_HANDSHAKE, 0, "cannot start TLS: " + e.getMessage(), e);
        }
    }

    /** @param innerFactory makes the inner acceptor context (SPNEGO or raw NTLM) when the first token arrives */
    public static Builder builder(TlsServerIdentity identity, Supplier<? extends SecurityContext> innerFactory) {
        return new Builder(identity, innerFactory);
    }

    /**
     * Consumes the client's bytes (any fragment) and returns what to send back (possibly empty).
     *
     * @throws CredSspAcceptorException the client was refused; send its token, then close
     * @throws CredSspException         the exchange broke down in a way no errorCode can report
     */
    public byte[] step(byte[] input) throws CredSspException {
        if (failure != null) {
            throw failure;
        }
        if (stage == CredSspStage.DONE) {
            throw new IllegalStateException("the CredSSP exchange is complete; use wrap/unwrap");
        }
        out = new ByteArrayOutputStream();
        try {
            if (stage == CredSspStage.TLS_HANDSHAKE) {
                out.writeBytes(channel.tls().handshake(input));
                if (!channel.tls().isHandshakeComplete()) {
                    return out.toByteArray();
                }
                serverPublicKey = channel.tls().serverSubjectPublicKey();
                stage = CredSspStage.AUTHENTICATION;
                round = 1;
                input = null;
            }
            TsRequest request = channel.receive(input);
            if (request != null) {
                out.writeBytes(handle(request));
            } else if (channel.isClosedByPeer()) {
                throw error("the client closed the TLS session", null);
            }
            return out.toByteArray();
        } catch (CredSspException e) {
            throw fail(e);
        } catch (SSLException e) {
            if (stage == CredSspStage.TLS_HANDSHAKE) {
                out.writeBytes(channel.tls().pendingAlert());
                throw fail(new CredSspAcceptorException(stage, round, "TLS handshake failed: " + e.getMessage(),
                        null, out.toByteArray(), e));
            }
            throw fail(error("TLS failure: " + e.getMessage(), e));
        } catch (ProtocolException e) {
            throw fail(refuse(NtStatus.SEC_E_INVALID_TOKEN, e.getMessage(), e));
        }
    }

    private byte[] handle(TsRequest request) throws ProtocolException, SSLException {
        if (request.errorCode().isPresent()) {
            throw new CredSspException(stage, round, "the client reported "
                    + NtStatus.describe(request.errorCode().getAsLong()));
        }
        if (negotiatedVersion == 0) {
            negotiatedVersion = Math.min(request.version(), maximumVersion);
            if (negotiatedVersion < minimumVersion) {
                throw refuse(NtStatus.SEC_E_UNSUPPORTED_FUNCTION, "the client speaks CredSSP version "
                        + request.version() + ", below the minimum " + minimumVersion, null);
            }
        }
        return stage == CredSspStage.CREDENTIAL_DELEGATION ? receiveCredentials(request) : authenticate(request);
    }

    private byte[] authenticate(TsRequest request) throws ProtocolException, SSLException {
        byte[] token = request.negoToken();
        byte[] reply = null;
        if (token != null) {
            if (inner == null) {
                inner = innerFactory.get();
            }
            try {
                reply = inner.step(token);
            } catch (ProtocolException e) {
                throw refuse(innerStatus(e), "the " + inner.mechanism().displayName() + " authentication failed: "
                        + e.getMessage(), e);
            }
            if (reply != null && reply.length == 0) {
                reply = null;
            }
        }
        if (request.pubKeyAuth() == null) {
            if (reply == null) {
                throw refuse(NtStatus.SEC_E_INVALID_TOKEN, "the client sent neither a negoToken to answer nor pubKeyAuth",
                        null);
            }
            round++;
            return channel.send(TsRequest.builder(maximumVersion).negoToken(reply).build());
        }
        stage = CredSspStage.PUBLIC_KEY_EXCHANGE;
        if (inner == null || !inner.isEstablished()) {
            throw refuse(NtStatus.SEC_E_INVALID_TOKEN, "pubKeyAuth arrived before the inner authentication completed",
                    null);
        }
        byte[] nonce = request.clientNonce();
        if (negotiatedVersion >= PubKeyAuth.FIRST_HASH_VERSION && (nonce == null || nonce.length != PubKeyAuth.NONCE_LENGTH)) {
            throw refuse(NtStatus.SEC_E_INVALID_TOKEN, "CredSSP version " + negotiatedVersion
                    + " needs a 32-byte clientNonce", null);
        }
        byte[] actual;
        try {
            actual = inner.unwrap(request.pubKeyAuth());
        } catch (ProtocolException e) {
            throw refuse(NtStatus.SEC_E_MESSAGE_ALTERED, "the client's pubKeyAuth does not decrypt: " + e.getMessage(), e);
        }
        if (!PubKeyAuth.matches(PubKeyAuth.clientValue(negotiatedVersion, nonce, serverPublicKey), actual)) {
            throw refuse(NtStatus.SEC_E_MESSAGE_ALTERED, "the client's pubKeyAuth does not match this server's TLS key:"
                    + " a man in the middle may be terminating TLS", null);
        }
        byte[] serverValue = inner.wrap(PubKeyAuth.serverValue(negotiatedVersion, nonce, serverPublicKey));
        stage = CredSspStage.CREDENTIAL_DELEGATION;
        return channel.send(TsRequest.builder(maximumVersion).negoToken(reply).pubKeyAuth(serverValue).build());
    }

    private byte[] receiveCredentials(TsRequest request) throws ProtocolException, SSLException {
        byte[] authInfo = request.authInfo();
        if (authInfo == null) {
            throw refuse(NtStatus.SEC_E_INVALID_TOKEN, "the client sent no authInfo", null);
        }
        byte[] plaintext = inner.unwrap(authInfo);
        try {
            TsCredentials credentials = TsCredentials.decode(plaintext);
            try {
                delegated = credentials.passwordCreds();
            } finally {
                credentials.destroy();
            }
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
        stage = CredSspStage.DONE;
        return new byte[0];
    }

    /** The NTSTATUS the inner mechanism reported (SPNEGO passes NTLM's on as the cause), else a logon failure. */
    private static long innerStatus(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NtlmAuthenticationException refused) {
                return refused.ntStatus() & 0xFFFFFFFFL;
            }
        }
        return NtStatus.STATUS_LOGON_FAILURE;
    }

    /** Refuses the client: errorCode where the version has it (3, 4, 6+), else close_notify. */
    private CredSspAcceptorException refuse(long ntStatus, String message, Throwable cause) {
        boolean hasErrorCode = negotiatedVersion == 3 || negotiatedVersion == 4 || negotiatedVersion >= 6;
        Long reported = null;
        try {
            if (hasErrorCode) {
                out.writeBytes(channel.send(TsRequest.builder(maximumVersion).errorCode(ntStatus).build()));
                reported = ntStatus;
            } else {
                out.writeBytes(channel.tls().close());
            }
        } catch (SSLException e) {
            // nothing more can be sent; the caller closes the connection
        }
        return new CredSspAcceptorException(stage, round, message, reported, out.toByteArray(), cause);
    }

    private CredSspException error(String message, Throwable cause) {
        return new CredSspException(stage, round, message, cause);
    }

    private CredSspException fail(CredSspException e) {
        failure = e;
        return e;
    }

    public CredSspStage stage() {
        return stage;
    }

    public int authenticationRound() {
        return round;
    }

    public boolean isComplete() {
        return stage == CredSspStage.DONE;
    }

    /** min(client's version, our maximum); 0 until the client's first TSRequest. */
    public int negotiatedVersion() {
        return negotiatedVersion;
    }

    /** The inner context's name for the authenticated client, once authentication completed. */
    public String clientName() {
        return inner == null ? null : inner.peerName();
    }

    /**
     * The delegated credentials, once complete. The caller owns them: {@link TsPasswordCreds#destroy()} them when done.
     */
    public TsPasswordCreds delegatedCredentials() {
        if (stage != CredSspStage.DONE) {
            throw new IllegalStateException("no credentials before the exchange completes");
        }
        return delegated;
    }

    public String tlsProtocol() {
        return channel.tls().protocol();
    }

    public String tlsCipherSuite() {
        return channel.tls().cipherSuite();
    }

    /** The largest message {@link #wrap} takes: 16384, or 16367 with TLS 1.3 (the JDK pads records). */
    public int maxWrapLength() {
        requireDone();
        return channel.maxWrapLength();
    }

    /** Protects one application message (1 to {@link #maxWrapLength()} bytes) in exactly one TLS record. */
    public TlsRecord wrap(byte[] plaintext) throws CredSspException {
        requireDone();
        return channel.wrapMessage(plaintext, round);
    }

    /** Decrypts whole TLS records from the client. */
    public byte[] unwrap(byte[] records) throws CredSspException {
        requireDone();
        return channel.unwrapMessage(records, round);
    }

    private void requireDone() {
        if (stage != CredSspStage.DONE) {
            throw new IllegalStateException("CredSSP is at " + stage.describe(round) + ", not complete");
        }
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }

    @Override
    public String toString() {
        return "CredSspAcceptorContext[" + stage.describe(round) + ", version " + negotiatedVersion + "]";
    }

    /** Options of a {@link CredSspAcceptorContext}. */
    public static final class Builder {
        private final TlsServerIdentity identity;
        private final Supplier<? extends SecurityContext> innerFactory;
        private int minimumVersion = CredSspClientContext.MIN_VERSION;
        private int maximumVersion = CredSspClientContext.MAX_VERSION;
        private TlsOptions tlsOptions = TlsOptions.defaults();

        private Builder(TlsServerIdentity identity, Supplier<? extends SecurityContext> innerFactory) {
            this.identity = Objects.requireNonNull(identity, "identity");
            this.innerFactory = Objects.requireNonNull(innerFactory, "innerFactory");
        }

        public Builder minimumVersion(int value) {
            minimumVersion = value;
            return this;
        }

        /** The version announced; 6 unless an old server is to be imitated (tests). */
        public Builder maximumVersion(int value) {
            maximumVersion = value;
            return this;
        }

        public Builder tlsOptions(TlsOptions value) {
            tlsOptions = Objects.requireNonNull(value, "tlsOptions");
            return this;
        }

        public CredSspAcceptorContext build() throws CredSspException {
            return new CredSspAcceptorContext(this);
        }
    }
}
