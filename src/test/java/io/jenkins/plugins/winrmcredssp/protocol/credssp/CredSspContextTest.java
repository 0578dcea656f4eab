package io.jenkins.plugins.winrmcredssp.protocol.credssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAccount;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoCandidate;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoInitiatorContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client and acceptor stepped against each other in-process (MS-CSSP §3.1.5, §3.2.5), with the project's raw NTLM
 * contexts and with a small test-only mechanism.
 */
class CredSspContextTest {
    private static final String PASSWORD = "Passw0rd!";

    /** The inner mechanism on both sides: raw NTLM, NTLM inside SPNEGO, or the test-only mechanism. */
    enum Inner {
        NTLM, SPNEGO, TEST_ONLY;

        SecurityContext initiator(UserCredentials credentials) {
            return switch (this) {
                case NTLM -> NtlmInitiatorContext.builder(credentials).build();
                case SPNEGO -> SpnegoInitiatorContext.withoutFallback(new SpnegoCandidate(Mechanism.NTLM,
                        () -> NtlmInitiatorContext.builder(credentials).build()));
                case TEST_ONLY -> TestOnlyMechanism.initiator(credentials.password());
            };
        }

        SecurityContext acceptor() {
            return switch (this) {
                case NTLM -> ntlmAcceptor();
                case SPNEGO -> new SpnegoAcceptorContext(Map.of(Mechanism.NTLM, Inner::ntlmAcceptor));
                case TEST_ONLY -> TestOnlyMechanism.acceptor(PASSWORD.toCharArray());
            };
        }

        private static SecurityContext ntlmAcceptor() {
            return NtlmAcceptorContext.builder(NtlmUserStore.of(List.of(
                    NtlmAccount.withPassword("EXAMPLE", "alice", PASSWORD.toCharArray())))).build();
        }
    }

    static CredSspClientContext.Builder client(int maximumVersion, String clientPassword) {
        return client(Inner.NTLM, maximumVersion, clientPassword);
    }

    static CredSspClientContext.Builder client(Inner inner, int maximumVersion, String clientPassword) {
        UserCredentials credentials = UserCredentials.parse("EXAMPLE\\alice", clientPassword.toCharArray());
        return CredSspClientContext.builder(credentials, inner.initiator(credentials))
                .maximumVersion(maximumVersion).entropy(out -> Arrays.fill(out, (byte) 0x5A));
    }

    static CredSspAcceptorContext.Builder acceptor() {
        return acceptor(Inner.NTLM);
    }

    static CredSspAcceptorContext.Builder acceptor(Inner inner) {
        return CredSspAcceptorContext.builder(TestIdentities.SERVER, inner::acceptor);
    }

    @ParameterizedTest(name = "version {0} over {1}, {2}")
    @CsvSource({"2, TLSv1.2, NTLM", "3, TLSv1.2, NTLM", "4, TLSv1.3, NTLM", "5, TLSv1.3, NTLM", "6, TLSv1.2, NTLM",
        "6, TLSv1.3, NTLM", "2, TLSv1.2, SPNEGO", "3, TLSv1.3, SPNEGO", "5, TLSv1.2, SPNEGO", "6, TLSv1.3, SPNEGO",
        "2, TLSv1.3, TEST_ONLY", "5, TLSv1.2, TEST_ONLY", "6, TLSv1.3, TEST_ONLY"})
    void delegatesCredentialsForEveryVersion(int version, String tls, Inner inner) throws Exception {
        CredSspClientContext client = client(inner, version, PASSWORD).tlsOptions(TlsOptions.of(tls)).build();
        CredSspAcceptorContext acceptor = acceptor(inner).build();

        List<CredSspStage> stages = new ArrayList<>();
        byte[] toServer = client.step(null);
        stages.add(client.stage());
        while (!client.isComplete()) {
            byte[] toClient = acceptor.step(toServer);
            toServer = client.step(toClient);
            stages.add(client.stage());
        }
        assertThat(acceptor.step(toServer)).isEmpty();

        // the stage after each client step: TLS 1.2 needs one more handshake flight than TLS 1.3; SPNEGO one more round
        List<CredSspStage> expected = new ArrayList<>(List.of(CredSspStage.TLS_HANDSHAKE));
        if (tls.equals("TLSv1.2")) {
            expected.add(CredSspStage.TLS_HANDSHAKE);
        }
        expected.add(CredSspStage.AUTHENTICATION);
        if (inner == Inner.SPNEGO) {
            expected.add(CredSspStage.AUTHENTICATION);
        }
        expected.addAll(List.of(CredSspStage.PUBLIC_KEY_EXCHANGE, CredSspStage.DONE));
        assertThat(stages).isEqualTo(expected);
        assertThat(client.negotiatedVersion()).isEqualTo(version);
        assertThat(acceptor.negotiatedVersion()).isEqualTo(version);
        // raw NTLM: NEGOTIATE, then AUTHENTICATE with pubKeyAuth; SPNEGO: pubKeyAuth after the acceptor's mechListMIC
        assertThat(client.authenticationRound()).isEqualTo(inner == Inner.SPNEGO ? 2 : 1);
        assertThat(client.tlsProtocol()).isEqualTo(tls);
        assertThat(client.tlsCipherSuite()).isEqualTo(acceptor.tlsCipherSuite());
        assertThat(client.innerMechanism()).isEqualTo(Mechanism.NTLM);
        assertThat(acceptor.isComplete()).isTrue();
        if (inner != Inner.TEST_ONLY) {
            assertThat(acceptor.clientName()).isEqualToIgnoringCase("EXAMPLE\\alice");
        }
        TsPasswordCreds delegated = acceptor.delegatedCredentials();
        assertThat(delegated.domainName()).isEqualTo("EXAMPLE");
        assertThat(delegated.userName()).isEqualTo("alice");
        assertThat(delegated.password()).isEqualTo(PASSWORD.toCharArray());

        byte[] request = "<s:Envelope>request</s:Envelope>".getBytes(StandardCharsets.UTF_8);
        TlsRecord record = client.wrap(request);
        assertThat(record.trailerLength()).isEqualTo(tls.equals("TLSv1.2") ? 16 : 33);
        assertThat(acceptor.unwrap(record.bytes())).isEqualTo(request);
        byte[] response = new byte[client.maxWrapLength()];
        assertThat(client.unwrap(acceptor.wrap(response).bytes())).isEqualTo(response);
    }

    @ParameterizedTest
    @CsvSource({"2, NTLM", "6, NTLM", "6, SPNEGO", "6, TEST_ONLY"})
    void oneBytePerStepWorksAndStagesOnlyMoveForward(int version, Inner inner) throws Exception {
        CredSspClientContext client = client(inner, version, PASSWORD).build();
        CredSspAcceptorContext acceptor = acceptor(inner).build();
        byte[] toServer = client.step(null);
        int steps = 0;
        while (!client.isComplete()) {
            byte[] toClient = feedBytewise(acceptor::step, toServer, acceptor::stage);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < toClient.length; i++) {
                CredSspStage before = client.stage();
                byte[] produced = client.step(new byte[] {toClient[i]});
                assertThat(client.stage().ordinal()).isGreaterThanOrEqualTo(before.ordinal());
                if (i < toClient.length - 1 && client.stage() != CredSspStage.TLS_HANDSHAKE) {
                    assertThat(produced).as("output before the server's message is complete").isEmpty();
                }
                out.writeBytes(produced);
                steps++;
            }
            toServer = out.toByteArray();
        }
        feedBytewise(acceptor::step, toServer, acceptor::stage);
        assertThat(steps).isGreaterThan(1000);
        assertThat(acceptor.delegatedCredentials().password()).isEqualTo(PASSWORD.toCharArray());
    }

    interface Step {
        byte[] step(byte[] input) throws Exception;
    }

    private static byte[] feedBytewise(Step step, byte[] input, Supplier<CredSspStage> stage) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte b : input) {
            CredSspStage before = stage.get();
            out.writeBytes(step.step(new byte[] {b}));
            assertThat(stage.get().ordinal()).isGreaterThanOrEqualTo(before.ordinal());
        }
        return out.toByteArray();
    }

    @ParameterizedTest
    @CsvSource({"3, NTLM", "4, NTLM", "6, NTLM", "6, SPNEGO", "6, TEST_ONLY"})
    void wrongPasswordIsATypedServerErrorAndNoCredentialsLeave(int version, Inner inner) throws Exception {
        CredSspClientContext client = client(inner, version, "Wr0ngSecret#").build();
        CredSspAcceptorContext acceptor = acceptor(inner).build();
        CredSspException error = runUntilFailure(client, acceptor);
        // raw NTLM: AUTHENTICATE rides with pubKeyAuth; SPNEGO: it goes alone in authentication round 2
        CredSspStage expected = inner == Inner.SPNEGO ? CredSspStage.AUTHENTICATION : CredSspStage.PUBLIC_KEY_EXCHANGE;
        assertThat(error.stage()).isEqualTo(expected);
        assertThat(error.ntStatus()).hasValue(NtStatus.STATUS_LOGON_FAILURE);
        assertThat(error).hasMessageContaining(expected.describe(2)).hasMessageContaining("0xC000006D STATUS_LOGON_FAILURE")
                .hasMessageNotContaining(PASSWORD).hasMessageNotContaining("Wr0ngSecret#");
        assertThat(acceptor.stage()).isEqualTo(CredSspStage.AUTHENTICATION);
        assertThatThrownBy(() -> client.step(new byte[0])).isSameAs(error);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 5})
    void versionsWithoutErrorCodeSeeTheSessionClosed(int version) throws Exception {
        CredSspException error = runUntilFailure(client(version, "wrong").build(), acceptor().build());
        assertThat(error.stage()).isEqualTo(CredSspStage.PUBLIC_KEY_EXCHANGE);
        assertThat(error.ntStatus()).isEmpty();
        assertThat(error).hasMessageContaining("without an errorCode").hasMessageContaining("user name or password");
    }

    @Test
    void refusesAServerBelowTheMinimumVersion() throws Exception {
        CredSspClientContext client = client(6, PASSWORD).minimumVersion(5).build();
        CredSspException error = runUntilFailure(client, acceptor().maximumVersion(3).build());
        assertThat(error.stage()).isEqualTo(CredSspStage.AUTHENTICATION);
        assertThat(error.round()).isEqualTo(1);
        assertThat(error).hasMessageContaining("authentication round 1").hasMessageContaining("version 3")
                .hasMessageContaining("minimum 5").hasMessageContaining("CVE-2018-0886");
    }

    @Test
    void serverRefusingTheClientVersionSendsSecEUnsupportedFunction() throws Exception {
        CredSspException error = runUntilFailure(client(4, PASSWORD).build(), acceptor().minimumVersion(5).build());
        assertThat(error.stage()).isEqualTo(CredSspStage.AUTHENTICATION);
        assertThat(error.ntStatus()).hasValue(NtStatus.SEC_E_UNSUPPORTED_FUNCTION);
        assertThat(error).hasMessageContaining("0x80090302 SEC_E_UNSUPPORTED_FUNCTION");
    }

    @Test
    void serverStoppingMidHandshakeFailsTheTlsStage() throws Exception {
        CredSspClientContext client = client(6, PASSWORD).build();
        byte[] clientHello = client.step(null);
        assertThat(clientHello).isNotEmpty();
        assertThat(client.step(new byte[] {0x16, 0x03})).isEmpty();
        CredSspException error = catchThrowableOfType(client::peerClosed, CredSspException.class);
        assertThat(error.stage()).isEqualTo(CredSspStage.TLS_HANDSHAKE);
        assertThat(error).hasMessageContaining("TLS handshake").hasMessageContaining("no credentials were sent");

        CredSspClientContext other = client(6, PASSWORD).build();
        other.step(null);
        // RFC 8446 §6: fatal alert handshake_failure(40)
        CredSspException alert = catchThrowableOfType(() -> other.step(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28}),
                CredSspException.class);
        assertThat(alert.stage()).isEqualTo(CredSspStage.TLS_HANDSHAKE);
        assertThat(alert).hasMessageContaining("TLS handshake failed");
    }

    @Test
    void noSharedTlsVersionFailsTheTlsStage() throws Exception {
        CredSspClientContext client = client(6, PASSWORD).tlsOptions(TlsOptions.of("TLSv1.2")).build();
        CredSspAcceptorContext acceptor = acceptor().tlsOptions(TlsOptions.of("TLSv1.3")).build();
        byte[] hello = client.step(null);
        CredSspAcceptorException refused = catchThrowableOfType(() -> acceptor.step(hello), CredSspAcceptorException.class);
        assertThat(refused.stage()).isEqualTo(CredSspStage.TLS_HANDSHAKE);
        assertThat(refused.reportedStatus()).isEmpty();
        CredSspException error = catchThrowableOfType(() -> client.step(refused.tokenForClient()), CredSspException.class);
        assertThat(error).hasMessageContaining("protocol_version");
        assertThat(error.stage()).isEqualTo(CredSspStage.TLS_HANDSHAKE);
        assertThat(error).hasMessageContaining("[TLSv1.2]");
    }

    @Test
    void serverPubKeyAuthThatDoesNotMatchStopsBeforeCredentials() throws Exception {
        CredSspAcceptorContext acceptor = CredSspAcceptorContext.builder(TestIdentities.SERVER,
                () -> new AlteringWrap(Inner.NTLM.acceptor())).build();
        CredSspException error = runUntilFailure(client(6, PASSWORD).build(), acceptor);
        assertThat(error.stage()).isEqualTo(CredSspStage.PUBLIC_KEY_EXCHANGE);
        assertThat(error).hasMessageContaining("does not match the TLS server key").hasMessageContaining("no credentials");
        assertThat(acceptor.stage()).isEqualTo(CredSspStage.CREDENTIAL_DELEGATION);
    }

    @ParameterizedTest
    @CsvSource({"2, NTLM", "3, NTLM", "4, NTLM", "5, NTLM", "6, NTLM", "2, SPNEGO", "6, SPNEGO", "2, TEST_ONLY",
        "6, TEST_ONLY"})
    void manInTheMiddleTerminatingTlsIsCaughtAtPublicKeyExchange(int version, Inner inner) throws Exception {
        CredSspAcceptorContext acceptor = acceptor(inner).build();
        TerminatingRelay relay = new TerminatingRelay(acceptor, request -> null);
        CredSspException error = runUntilFailure(client(inner, version, PASSWORD).build(), relay::step);
        assertThat(error.stage()).isEqualTo(CredSspStage.PUBLIC_KEY_EXCHANGE);
        assertThat(relay.clientRequests()).isNotEmpty().allSatisfy(r -> assertThat(r.authInfo()).isNull());
        assertThat(acceptor.stage()).isEqualTo(CredSspStage.PUBLIC_KEY_EXCHANGE);
        if (version >= 5) {
            byte[] injected = new byte[32];
            Arrays.fill(injected, (byte) 0x5A);
            assertThat(relay.clientRequests().get(relay.clientRequests().size() - 1).clientNonce()).isEqualTo(injected);
        }
        if (version == 2 || version == 5) {
            assertThat(error).hasMessageContaining("without an errorCode");
        } else {
            assertThat(error.ntStatus()).hasValue(NtStatus.SEC_E_MESSAGE_ALTERED);
        }
    }

    @ParameterizedTest
    @CsvSource({"2, NTLM", "6, NTLM", "6, SPNEGO", "2, TEST_ONLY"})
    void reflectedPubKeyAuthIsRejected(int version, Inner inner) throws Exception {
        TerminatingRelay relay = new TerminatingRelay(acceptor(inner).build(),
                request -> request.pubKeyAuth() == null ? null : TsRequest.builder(6).pubKeyAuth(request.pubKeyAuth()).build().encode());
        CredSspException error = runUntilFailure(client(inner, version, PASSWORD).build(), relay::step);
        assertThat(error.stage()).isEqualTo(CredSspStage.PUBLIC_KEY_EXCHANGE);
        assertThat(error).hasMessageContaining("no credentials were sent");
        assertThat(relay.clientRequests()).allSatisfy(r -> assertThat(r.authInfo()).isNull());
    }

    @Test
    void serverAnswerWithoutNegoTokenIsATypedError() throws Exception {
        TerminatingRelay relay = new TerminatingRelay(acceptor().build(), request -> TsRequest.builder(6).build().encode());
        CredSspException error = runUntilFailure(client(6, PASSWORD).build(), relay::step);
        assertThat(error.stage()).isEqualTo(CredSspStage.AUTHENTICATION);
        assertThat(error).hasMessageContaining("authentication round 1").hasMessageContaining("no negoToken");
    }

    @Test
    void serverAnswerWithoutPubKeyAuthIsATypedError() throws Exception {
        TerminatingRelay relay = new TerminatingRelay(acceptor().build(),
                request -> request.pubKeyAuth() == null ? null : TsRequest.builder(6).build().encode());
        CredSspException error = runUntilFailure(client(6, PASSWORD).build(), relay::step);
        assertThat(error.stage()).isEqualTo(CredSspStage.PUBLIC_KEY_EXCHANGE);
        assertThat(error).hasMessageContaining("without pubKeyAuth");
        assertThat(relay.clientRequests()).allSatisfy(r -> assertThat(r.authInfo()).isNull());
    }

    @Test
    void malformedServerTsRequestIsATypedError() throws Exception {
        byte[] notDer = "HTTP/1.1 401".getBytes(StandardCharsets.US_ASCII);
        TerminatingRelay relay = new TerminatingRelay(acceptor().build(), request -> notDer);
        CredSspException error = runUntilFailure(client(6, PASSWORD).build(), relay::step);
        assertThat(error.stage()).isEqualTo(CredSspStage.AUTHENTICATION);
        assertThat(error).hasMessageContaining("does not start with a DER SEQUENCE");

        byte[] truncatedField = HexFormat.of().parseHex("3007a003020106a100");
        relay = new TerminatingRelay(acceptor().build(), request -> truncatedField);
        assertThat(runUntilFailure(client(6, PASSWORD).build(), relay::step)).hasMessageContaining("TSRequest");
    }

    /** Steps both sides until the client fails, delivering the acceptor's refusal token; returns the client's error. */
    static CredSspException runUntilFailure(CredSspClientContext client, CredSspAcceptorContext acceptor) throws Exception {
        return runUntilFailure(client, input -> {
            try {
                return acceptor.step(input);
            } catch (CredSspAcceptorException refused) {
                return refused.tokenForClient();
            }
        });
    }

    static CredSspException runUntilFailure(CredSspClientContext client, Step server) throws Exception {
        byte[] toServer = client.step(null);
        for (int i = 0; i < 20; i++) {
            byte[] toClient = server.step(toServer);
            try {
                toServer = client.step(toClient);
            } catch (CredSspException e) {
                return e;
            }
            assertThat(client.stage()).isNotEqualTo(CredSspStage.DONE);
        }
        throw new AssertionError("the client did not fail");
    }

    /** Alters the plaintext of every wrap: the server's pubKeyAuth no longer matches. */
    private static final class AlteringWrap implements SecurityContext {
        private final SecurityContext delegate;

        AlteringWrap(SecurityContext delegate) {
            this.delegate = delegate;
        }

        @Override
        public Mechanism mechanism() {
            return delegate.mechanism();
        }

        @Override
        public byte[] step(byte[] input) throws io.jenkins.plugins.winrmcredssp.protocol.ProtocolException {
            return delegate.step(input);
        }

        @Override
        public boolean isEstablished() {
            return delegate.isEstablished();
        }

        @Override
        public byte[] wrap(byte[] message) throws io.jenkins.plugins.winrmcredssp.protocol.ProtocolException {
            byte[] altered = message.clone();
            altered[altered.length - 1] ^= 1;
            return delegate.wrap(altered);
        }

        @Override
        public byte[] unwrap(byte[] token) throws io.jenkins.plugins.winrmcredssp.protocol.ProtocolException {
            return delegate.unwrap(token);
        }

        @Override
        public byte[] getMic(byte[] message) throws io.jenkins.plugins.winrmcredssp.protocol.ProtocolException {
            return delegate.getMic(message);
        }

        @Override
        public void verifyMic(byte[] message, byte[] mic) throws io.jenkins.plugins.winrmcredssp.protocol.ProtocolException {
            delegate.verifyMic(message, mic);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
