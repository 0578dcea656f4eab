package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Entropy;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;
import javax.net.ssl.SSLException;

/**
 * The CredSSP initiator, MS-CSSP §3.1.5, independent of any transport: {@link #step} consumes the server's TLS bytes
 * (whole tokens or any fragments of them) and returns the TLS bytes to send, through the stages of
 * {@link CredSspStage}:
 * <ol>
 *   <li>TLS handshake (the server certificate is not validated; pubKeyAuth binds its key instead);</li>
 *   <li>authentication rounds: the inner {@link SecurityContext}'s tokens in TSRequest.negoTokens;</li>
 *   <li>public key exchange: pubKeyAuth (with clientNonce from version 5), riding with the last inner token when the
 *       inner context is protection-ready by then;
 *       the server's answer is verified in constant time;</li>
 *   <li>credential delegation: TSCredentials, produced only after the server's pubKeyAuth verified.</li>
 * </ol>
 * Every server TSRequest's errorCode is checked first. Afterwards {@link #wrap}/{@link #unwrap} protect application
 * messages with the same TLS session (MS-WSMV §2.2.9.1). Not thread-safe.
 *
 * <p>A transport sends every non-empty token {@code step} returns, including the last one (the credentials), which is
 * produced by the step that makes {@link #isComplete()} true:
 * <pre>{@code
 * byte[] token = credssp.step(null);
 * while (true) {
 *     byte[] reply = exchange(token);          // e.g. Authorization / WWW-Authenticate: CredSSP <base64>
 *     if (credssp.isComplete()) {
 *         break;                               // the credentials went out with this exchange
 *     }
 *     token = credssp.step(reply);
 * }
 * }</pre>
 */
public final class CredSspClientContext implements AutoCloseable {
    /** The highest CredSSP version this implementation speaks. */
    public static final int MAX_VERSION = 6;
    /** The lowest version with a pubKeyAuth computation (MS-CSSP §2.2.1). */
    public static final int MIN_VERSION = 2;

    private final UserCredentials credentials;
    private final SecurityContext inner;
    private final Entropy entropy;
    private final int minimumVersion;
    private final int maximumVersion;
    private final TlsOptions tlsOptions;
    private final TsRequestChannel channel;

    private CredSspStage stage = CredSspStage.TLS_HANDSHAKE;
    private int round;
    private int negotiatedVersion;
    private byte[] serverPublicKey;
    private byte[] clientNonce;
    private CredSspException failure;
    private boolean innerClosed;
    private Mechanism innerMechanism;

    private CredSspClientContext(Builder b) throws CredSspException {
        credentials = b.credentials;
        inner = b.inner;
        entropy = b.entropy;
        minimumVersion = b.minimumVersion;
        maximumVersion = b.maximumVersion;
        tlsOptions = b.tlsOptions;
        try {
            channel = new TsRequestChannel(TlsChannel.client(tlsOptions));
        } catch (SSLException e) {
            throw new CredSspException(CredSspStage.TLS_HANDSHAKE, 0, "cannot start TLS: " + e.getMessage(), e);
        }
    }

    /**
     * @param credentials the user whose password is delegated (not copied: destroy it after {@link #close()})
     * @param inner       a fresh initiator context (SPNEGO or raw NTLM, Kerberos) for the same user; this context
     *                    owns and closes it
     */
    public static Builder builder(UserCredentials credentials, SecurityContext inner) {
        return new Builder(credentials, inner);
    }

    /**
     * Consumes the server's bytes and returns what to send back.
     *
     * @param input the server's TLS bytes, any fragment of them; null or empty on the first call
     * @return TLS bytes for the server; empty when more server input is needed first
     * @throws CredSspException naming the stage; the context is unusable afterwards
     */
    public byte[] step(byte[] input) throws CredSspException {
        if (failure != null) {
            throw failure;
        }
        if (stage == CredSspStage.DONE) {
            throw new IllegalStateException("the CredSSP exchange is complete; use wrap/unwrap");
        }
        try {
            if (stage == CredSspStage.TLS_HANDSHAKE) {
                return handshake(input);
            }
            TsRequest response = channel.receive(input);
            if (response == null) {
                if (channel.isClosedByPeer()) {
                    throw closedError();
                }
                return new byte[0];
            }
            if (response.errorCode().isPresent()) {
                throw CredSspException.serverError(stage, round, response.errorCode().getAsLong());
            }
            return stage == CredSspStage.AUTHENTICATION ? authenticate(response) : deliverCredentials(response);
        } catch (CredSspException e) {
            throw fail(e);
        } catch (SSLException e) {
            throw fail(error(tlsFailure(e), e));
        } catch (ProtocolException e) {
            throw fail(error(e.getMessage(), e));
        } catch (RuntimeException e) {
            throw fail(error("internal error: " + e, e));
        }
    }

    private byte[] handshake(byte[] input) throws ProtocolException, SSLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(channel.tls().handshake(input));
        if (!channel.tls().isHandshakeComplete()) {
            if (channel.isClosedByPeer()) {
                throw closedError();
            }
            return out.toByteArray();
        }
        serverPublicKey = channel.tls().serverSubjectPublicKey();
        stage = CredSspStage.AUTHENTICATION;
        out.writeBytes(afterInnerStep(innerStep(null)));
        return out.toByteArray();
    }

    private byte[] authenticate(TsRequest response) throws ProtocolException, SSLException {
        if (negotiatedVersion == 0) {
            negotiatedVersion = Math.min(response.version(), maximumVersion);
            if (negotiatedVersion < minimumVersion) {
                throw error("the server speaks CredSSP version " + response.version() + ", below the configured minimum "
                        + minimumVersion + " (versions 5 and later carry the CVE-2018-0886 fix: update the server, or"
                        + " lower the minimum CredSSP version if the risk is accepted)");
            }
        }
        byte[] token = response.negoToken();
        if (!inner.isEstablished() && token == null) {
            throw error("the server sent no negoToken to continue the " + inner.mechanism().displayName()
                    + " exchange");
        }
        return afterInnerStep(inner.isEstablished() ? null : innerStep(token));
    }

    /**
     * Sends the inner token, with pubKeyAuth as soon as the inner context can protect it ({@link
     * SecurityContext#isProtectionReady()}: for raw NTLM with the AUTHENTICATE_MESSAGE).
     */
    private byte[] afterInnerStep(byte[] token) throws ProtocolException, SSLException {
        if (negotiatedVersion == 0 || !inner.isProtectionReady()) {
            if (token == null) {
                throw error("the " + inner.mechanism().displayName() + " context produced no token but is not established");
            }
            round++;
            return channel.send(TsRequest.builder(maximumVersion).negoToken(token).build());
        }
        stage = CredSspStage.PUBLIC_KEY_EXCHANGE;
        TsRequest.Builder request = TsRequest.builder(maximumVersion).negoToken(token);
        if (negotiatedVersion >= PubKeyAuth.FIRST_HASH_VERSION) {
            clientNonce = entropy.bytes(PubKeyAuth.NONCE_LENGTH);
            request.clientNonce(clientNonce);
        }
        request.pubKeyAuth(inner.wrap(PubKeyAuth.clientValue(negotiatedVersion, clientNonce, serverPublicKey)));
        return channel.send(request.build());
    }

    private byte[] deliverCredentials(TsRequest response) throws ProtocolException, SSLException {
        byte[] wrapped = response.pubKeyAuth();
        if (wrapped == null) {
            throw error("the server answered without pubKeyAuth");
        }
        byte[] token = response.negoToken();
        if (token != null && !inner.isEstablished()) {
            byte[] extra = innerStep(token);
            if (extra != null) {
                throw error("the " + inner.mechanism().displayName() + " context wants another round after the"
                        + " public key exchange");
            }
        }
        if (!inner.isEstablished()) {
            throw error("the " + inner.mechanism().displayName() + " context is not established after the server's"
                    + " final token");
        }
        byte[] expected = PubKeyAuth.serverValue(negotiatedVersion, clientNonce, serverPublicKey);
        byte[] actual;
        try {
            actual = inner.unwrap(wrapped);
        } catch (ProtocolException e) {
            throw error("the server's pubKeyAuth does not decrypt (" + e.getMessage() + "): possible man in the middle;"
                    + " no credentials were sent", e);
        }
        if (!PubKeyAuth.matches(expected, actual)) {
            throw error("the server's pubKeyAuth does not match the TLS server key: a man in the middle may be"
                    + " terminating TLS; no credentials were sent");
        }
        stage = CredSspStage.CREDENTIAL_DELEGATION;
        byte[] authInfo = wrapCredentials();
        byte[] out = channel.send(TsRequest.builder(maximumVersion).authInfo(authInfo).build());
        stage = CredSspStage.DONE;
        innerMechanism = inner.negotiatedMechanism();
        closeInner();
        return out;
    }

    private byte[] wrapCredentials() throws ProtocolException {
        char[] password = credentials.password();
        TsPasswordCreds passwordCreds = new TsPasswordCreds(credentials.domain(), credentials.user(), password);
        Arrays.fill(password, '\0');
        TsCredentials tsCredentials = TsCredentials.password(passwordCreds);
        passwordCreds.destroy();
        byte[] encoded = tsCredentials.encode();
        tsCredentials.destroy();
        try {
            return inner.wrap(encoded);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    private byte[] innerStep(byte[] token) throws ProtocolException {
        byte[] out = inner.step(token);
        return out == null || out.length == 0 ? null : out;
    }

    /**
     * The transport saw the connection end. Unless the exchange is complete this is a failure, reported for the
     * current stage.
     */
    public void peerClosed() throws CredSspException {
        if (stage != CredSspStage.DONE && failure == null) {
            throw fail(closedError());
        }
    }

    private CredSspException closedError() {
        String why = switch (stage) {
            case TLS_HANDSHAKE -> "the server ended the connection during the TLS handshake: it probably shares no TLS"
                    + " version or cipher suite with " + tlsOptions.protocols();
            case AUTHENTICATION, PUBLIC_KEY_EXCHANGE -> "the server ended the connection without an errorCode: it most"
                    + " likely rejected the user name or password (FreeRDP does so), or the "
                    + inner.mechanism().displayName() + " tokens";
            default -> "the server ended the connection";
        };
        return error(why + "; no credentials were sent");
    }

    private String tlsFailure(SSLException e) {
        return stage == CredSspStage.TLS_HANDSHAKE
                ? "TLS handshake failed (" + e.getMessage() + "); enabled protocols " + tlsOptions.protocols()
                + ": an old server may offer only TLS 1.0 or weak ciphers"
                : "TLS failure: " + e.getMessage();
    }

    private CredSspException error(String message) {
        return new CredSspException(stage, round, message);
    }

    private CredSspException error(String message, Throwable cause) {
        return new CredSspException(stage, round, message, cause);
    }

    private CredSspException fail(CredSspException e) {
        failure = e;
        return e;
    }

    public boolean isComplete() {
        return stage == CredSspStage.DONE;
    }

    /** Where the exchange is: the leg whose server answer is awaited, or {@link CredSspStage#DONE}. */
    public CredSspStage stage() {
        return stage;
    }

    /** Authentication rounds sent so far (TSRequests carrying negoTokens before the public key exchange). */
    public int authenticationRound() {
        return round;
    }

    /** min(server's version, our maximum); 0 until the server's first TSRequest. */
    public int negotiatedVersion() {
        return negotiatedVersion;
    }

    public String tlsProtocol() {
        return channel.tls().protocol();
    }

    public String tlsCipherSuite() {
        return channel.tls().cipherSuite();
    }

    /** The mechanism that authenticated inside CredSSP (NTLM or Kerberos; SPNEGO reports what it negotiated). */
    public Mechanism innerMechanism() {
        return innerMechanism != null ? innerMechanism : inner.negotiatedMechanism();
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

    /** Decrypts whole TLS records from the server. */
    public byte[] unwrap(byte[] records) throws CredSspException {
        requireDone();
        return channel.unwrapMessage(records, round);
    }

    private void requireDone() {
        if (stage != CredSspStage.DONE) {
            throw new IllegalStateException("CredSSP is at " + stage.describe(round) + ", not complete");
        }
    }

    private void closeInner() {
        if (!innerClosed) {
            innerClosed = true;
            inner.close();
        }
    }

    @Override
    public void close() {
        closeInner();
        if (serverPublicKey != null) {
            Arrays.fill(serverPublicKey, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "CredSspClientContext[" + stage.describe(round) + ", version " + negotiatedVersion + "]";
    }

    /** Options of a {@link CredSspClientContext}. */
    public static final class Builder {
        private final UserCredentials credentials;
        private final SecurityContext inner;
        private Entropy entropy = Entropy.secure();
        private int minimumVersion = MIN_VERSION;
        private int maximumVersion = MAX_VERSION;
        private TlsOptions tlsOptions = TlsOptions.defaults();

        private Builder(UserCredentials credentials, SecurityContext inner) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            this.inner = Objects.requireNonNull(inner, "inner");
        }

        /** Source of the version 5+ clientNonce. */
        public Builder entropy(Entropy value) {
            entropy = Objects.requireNonNull(value, "entropy");
            return this;
        }

        /** Refuse servers below this version (5 requires the server's CVE-2018-0886 fix). Default 2. */
        public Builder minimumVersion(int value) {
            if (value < MIN_VERSION || value > MAX_VERSION) {
                throw new IllegalArgumentException("minimum CredSSP version must be " + MIN_VERSION + ".." + MAX_VERSION);
            }
            minimumVersion = value;
            return this;
        }

        /** The version sent; 6 unless an old client is to be imitated (tests). */
        public Builder maximumVersion(int value) {
            if (value < MIN_VERSION || value > MAX_VERSION) {
                throw new IllegalArgumentException("maximum CredSSP version must be " + MIN_VERSION + ".." + MAX_VERSION);
            }
            maximumVersion = value;
            return this;
        }

        public Builder tlsOptions(TlsOptions value) {
            tlsOptions = Objects.requireNonNull(value, "tlsOptions");
            return this;
        }

        public CredSspClientContext build() throws CredSspException {
            if (minimumVersion > maximumVersion) {
                throw new IllegalArgumentException("minimum CredSSP version above the maximum");
            }
            return new CredSspClientContext(this);
        }
    }
}
