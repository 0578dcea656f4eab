package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoException.Reason;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.ToyMechanism.Shape;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPNEGO initiator against acceptor in-process, over the test-only {@link ToyMechanism}. */
class SpnegoContextTest {
    private static final String SECRET = "shared secret";

    private final List<ToyMechanism> created = new ArrayList<>();

    private SpnegoCandidate candidate(Mechanism mechanism, Shape shape, String secret) {
        return new SpnegoCandidate(mechanism, () -> track(ToyMechanism.initiator(mechanism, shape, secret)));
    }

    private SpnegoCandidate kerberos() {
        return candidate(Mechanism.KERBEROS, Shape.KERBEROS_LIKE, SECRET);
    }

    private SpnegoCandidate ntlm() {
        return candidate(Mechanism.NTLM, Shape.NTLM_LIKE, SECRET);
    }

    private ToyMechanism track(ToyMechanism context) {
        created.add(context);
        return context;
    }

    private SpnegoAcceptorContext acceptor(Mechanism... mechanisms) {
        Map<Mechanism, SecurityContextFactory> factories = new LinkedHashMap<>();
        for (Mechanism m : mechanisms) {
            Shape shape = m == Mechanism.NTLM ? Shape.NTLM_LIKE : Shape.KERBEROS_LIKE;
            factories.put(m, () -> track(ToyMechanism.acceptor(m, shape, SECRET)));
        }
        return new SpnegoAcceptorContext(factories);
    }

    /** Runs the exchange to the end and returns the tokens that crossed, initiator's first. */
    static List<byte[]> handshake(SecurityContext initiator, SecurityContext acceptor) throws ProtocolException {
        List<byte[]> tokens = new ArrayList<>();
        byte[] token = initiator.step(null);
        for (int legs = 0; token != null && legs < 10; legs++) {
            tokens.add(token);
            SecurityContext receiver = legs % 2 == 0 ? acceptor : initiator;
            token = receiver.step(token);
        }
        assertThat(initiator.isEstablished()).as("initiator established").isTrue();
        assertThat(acceptor.isEstablished()).as("acceptor established").isTrue();
        return tokens;
    }

    static void exchangeMessages(SecurityContext initiator, SecurityContext acceptor) throws ProtocolException {
        for (int i = 0; i < 3; i++) {
            byte[] request = ("request " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(acceptor.unwrap(initiator.wrap(request))).isEqualTo(request);
            byte[] response = ("response " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(initiator.unwrap(acceptor.wrap(response))).isEqualTo(response);
            acceptor.verifyMic(request, initiator.getMic(request));
            initiator.verifyMic(response, acceptor.getMic(response));
        }
    }

    private static NegTokenResp resp(byte[] token) throws ProtocolException {
        return (NegTokenResp) NegotiationToken.decode(token);
    }

    @Test
    void ntlmOnlyExchangesMechListMicAndResetsBothSides() throws Exception {
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(ntlm());
                SpnegoAcceptorContext acceptor = acceptor(Mechanism.NTLM)) {
            List<byte[]> tokens = handshake(initiator, acceptor);
            assertThat(tokens).hasSize(4);
            NegTokenInit init = (NegTokenInit) NegotiationToken.decode(tokens.get(0));
            assertThat(init.mechTypes()).containsExactly(Mechanism.NTLM.oid());
            assertThat(resp(tokens.get(1)).negState()).contains(NegState.ACCEPT_INCOMPLETE);
            assertThat(resp(tokens.get(1)).supportedMech()).contains(Mechanism.NTLM.oid());
            // MS-SPNG §3.1.5.1: the AUTHENTICATE-equivalent carries the initiator's mechListMIC...
            assertThat(resp(tokens.get(2)).mechListMic()).isPresent();
            // ...and the acceptor completes with its own.
            assertThat(resp(tokens.get(3)).negState()).contains(NegState.ACCEPT_COMPLETED);
            assertThat(resp(tokens.get(3)).mechListMic()).isPresent();
            assertThat(created).allSatisfy(c -> assertThat(c.resets).isEqualTo(2));
            assertThat(initiator.negotiatedMechanism()).isEqualTo(Mechanism.NTLM);
            assertThat(acceptor.negotiatedMechanism()).isEqualTo(Mechanism.NTLM);
            assertThat(acceptor.peerName()).isEqualTo("toy-user");
            assertThat(initiator.fallbackReasons()).isEmpty();
            exchangeMessages(initiator, acceptor);
        }
        assertThat(created).allSatisfy(c -> assertThat(c.closed).isTrue());
    }

    @Test
    void kerberosOptimisticTokenAcceptedWithoutMechListMic() throws Exception {
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(kerberos(), ntlm()));
                SpnegoAcceptorContext acceptor = acceptor(Mechanism.NTLM, Mechanism.KERBEROS)) {
            List<byte[]> tokens = handshake(initiator, acceptor);
            assertThat(tokens).hasSize(2);
            NegTokenInit init = (NegTokenInit) NegotiationToken.decode(tokens.get(0));
            assertThat(init.mechTypes()).containsExactly(Mechanism.KERBEROS.oid(), Mechanism.NTLM.oid());
            NegTokenResp done = resp(tokens.get(1));
            assertThat(done.negState()).contains(NegState.ACCEPT_COMPLETED);
            assertThat(done.supportedMech()).contains(Mechanism.KERBEROS.oid());
            assertThat(done.responseToken()).isPresent();
            assertThat(done.mechListMic()).isEmpty();
            assertThat(initiator.negotiatedMechanism()).isEqualTo(Mechanism.KERBEROS);
            exchangeMessages(initiator, acceptor);
            // the unused NTLM initiator was closed once the acceptor chose
            assertThat(created.stream().filter(c -> c.mechanism() == Mechanism.NTLM)).allSatisfy(c -> assertThat(c.closed).isTrue());
        }
    }

    @Test
    void fallsBackToNtlmWhenKerberosCannotStartAndRecordsWhy() throws Exception {
        SpnegoCandidate noKdc = new SpnegoCandidate(Mechanism.KERBEROS, () -> {
            throw new ProtocolException("Cannot reach any KDC for realm EXAMPLE.TEST");
        });
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(noKdc, ntlm()));
                SpnegoAcceptorContext acceptor = acceptor(Mechanism.KERBEROS, Mechanism.NTLM)) {
            List<byte[]> tokens = handshake(initiator, acceptor);
            assertThat(((NegTokenInit) NegotiationToken.decode(tokens.get(0))).mechTypes()).containsExactly(Mechanism.NTLM.oid());
            assertThat(initiator.negotiatedMechanism()).isEqualTo(Mechanism.NTLM);
            assertThat(initiator.fallbackReasons()).singleElement().satisfies(reason -> {
                assertThat(reason.mechanism()).isEqualTo(Mechanism.KERBEROS);
                assertThat(reason.describe()).isEqualTo("Kerberos: Cannot reach any KDC for realm EXAMPLE.TEST");
            });
            exchangeMessages(initiator, acceptor);
        }
    }

    @Test
    void candidateFailingAtItsFirstStepIsClosedAndSkipped() throws Exception {
        ToyMechanism broken = ToyMechanism.initiator(Mechanism.KERBEROS, Shape.KERBEROS_LIKE, SECRET);
        broken.step(null);
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(
                List.of(new SpnegoCandidate(Mechanism.KERBEROS, () -> broken), ntlm()))) {
            initiator.step(null);
            assertThat(broken.closed).isTrue();
            assertThat(initiator.fallbackReasons()).singleElement()
                    .satisfies(r -> assertThat(r.cause()).hasMessageContaining("missing token"));
        }
    }

    @Test
    void candidateCanRefuseTheFallbackForFinalFailures() throws Exception {
        ProtocolException wrongPassword = new ProtocolException("Kerberos pre-authentication failed: wrong password");
        SpnegoCandidate kerberos = new SpnegoCandidate(Mechanism.KERBEROS, () -> {
            throw wrongPassword;
        }, failure -> !failure.getMessage().contains("wrong password"));
        SpnegoCandidate first = ntlm();
        SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(first, kerberos, ntlmLike(Mechanism.KERBEROS_MS_LEGACY)));
        assertThatThrownBy(() -> initiator.step(null)).isSameAs(wrongPassword);
        assertThat(created).as("the NTLM context started before is closed").allSatisfy(c -> assertThat(c.closed).isTrue());
        assertThatThrownBy(() -> initiator.step(null)).isInstanceOf(IllegalStateException.class);
    }

    private SpnegoCandidate ntlmLike(Mechanism mechanism) {
        return candidate(mechanism, Shape.NTLM_LIKE, SECRET);
    }

    @Test
    void withoutFallbackFailsWithTheReason() {
        SpnegoCandidate noKdc = new SpnegoCandidate(Mechanism.KERBEROS, () -> {
            throw new ProtocolException("Cannot reach any KDC for realm EXAMPLE.TEST");
        });
        SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(noKdc);
        assertThatThrownBy(() -> initiator.step(null)).isInstanceOfSatisfying(SpnegoException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.NO_USABLE_MECHANISM);
            assertThat(e).hasMessageContaining("Kerberos: Cannot reach any KDC").hasCauseInstanceOf(ProtocolException.class);
        });
        assertThatThrownBy(() -> initiator.step(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void acceptorPicksNtlmOverTheOptimisticKerberosTokenAndMicIsMandatory() throws Exception {
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(kerberos(), ntlm()));
                SpnegoAcceptorContext acceptor = acceptor(Mechanism.NTLM)) {
            List<byte[]> tokens = handshake(initiator, acceptor);
            // RFC 4178 §5 (c): supportedMech + request-mic, no token; then the NTLM exchange from its first token.
            NegTokenResp first = resp(tokens.get(1));
            assertThat(first.negState()).contains(NegState.REQUEST_MIC);
            assertThat(first.supportedMech()).contains(Mechanism.NTLM.oid());
            assertThat(first.responseToken()).isEmpty();
            assertThat(new String(resp(tokens.get(2)).responseToken().get(), StandardCharsets.UTF_8)).startsWith("T1|");
            assertThat(tokens).hasSize(6);
            assertThat(resp(tokens.get(4)).mechListMic()).isPresent();
            assertThat(resp(tokens.get(5)).mechListMic()).isPresent();
            assertThat(initiator.negotiatedMechanism()).isEqualTo(Mechanism.NTLM);
            exchangeMessages(initiator, acceptor);
            assertThat(created.stream().filter(c -> c.mechanism() == Mechanism.KERBEROS)).allSatisfy(c -> assertThat(c.closed).isTrue());
        }
    }

    @Test
    void kerberosAsSecondChoiceNeedsAnExtraLegForTheInitiatorsMic() throws Exception {
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(ntlm(), kerberos()));
                SpnegoAcceptorContext acceptor = acceptor(Mechanism.KERBEROS)) {
            List<byte[]> tokens = handshake(initiator, acceptor);
            // NegTokenInit(NTLM optimistic) / request-mic+Kerberos / AP-REQ / AP-REP+MIC (incomplete) / MIC (completed)
            assertThat(tokens).hasSize(5);
            NegTokenResp apRep = resp(tokens.get(3));
            assertThat(apRep.negState()).contains(NegState.ACCEPT_INCOMPLETE);
            assertThat(apRep.mechListMic()).isPresent();
            NegTokenResp last = resp(tokens.get(4));
            assertThat(last.negState()).contains(NegState.ACCEPT_COMPLETED);
            assertThat(last.mechListMic()).isPresent();
            assertThat(last.responseToken()).isEmpty();
            exchangeMessages(initiator, acceptor);
        }
    }

    @Test
    void msLegacyKerberosOidMapsToTheKerberosAcceptor() throws Exception {
        SpnegoCandidate legacy = candidate(Mechanism.KERBEROS_MS_LEGACY, Shape.KERBEROS_LIKE, SECRET);
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(legacy);
                SpnegoAcceptorContext acceptor = new SpnegoAcceptorContext(Map.of(Mechanism.KERBEROS,
                        () -> ToyMechanism.acceptor(Mechanism.KERBEROS_MS_LEGACY, Shape.KERBEROS_LIKE, SECRET)))) {
            List<byte[]> tokens = handshake(initiator, acceptor);
            assertThat(resp(tokens.get(1)).supportedMech()).contains(Mechanism.KERBEROS_MS_LEGACY.oid());
            assertThat(acceptor.negotiatedMechanism()).isEqualTo(Mechanism.KERBEROS_MS_LEGACY);
        }
    }

    @Test
    void initiatorAcceptsTheOtherKerberosOidAsSupportedMech() throws Exception {
        // Windows answers supportedMech 1.2.840.48018.1.2.2 when that OID was in the list; treat the two as one.
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(kerberos())) {
            initiator.step(null);
            ToyMechanism peer = ToyMechanism.acceptor(Mechanism.KERBEROS, Shape.KERBEROS_LIKE, SECRET);
            byte[] apRep = peer.step(ToyMechanism.initiator(Mechanism.KERBEROS, Shape.KERBEROS_LIKE, SECRET).step(null));
            assertThat(initiator.step(new NegTokenResp(NegState.ACCEPT_COMPLETED, Mechanism.KERBEROS_MS_LEGACY.oid(), apRep, null)
                    .encode())).isNull();
            assertThat(initiator.isEstablished()).isTrue();
        }
    }

    @Test
    void tamperedInitiatorMechListMicIsRejectedByTheAcceptor() throws Exception {
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(ntlm());
                SpnegoAcceptorContext acceptor = acceptor(Mechanism.NTLM)) {
            byte[] challenge = acceptor.step(initiator.step(null));
            NegTokenResp auth = resp(initiator.step(challenge));
            byte[] mic = auth.mechListMic().get();
            mic[mic.length - 1] ^= 1;
            byte[] tampered = new NegTokenResp(auth.negState().get(), null, auth.responseToken().get(), mic).encode();
            assertThatThrownBy(() -> acceptor.step(tampered)).isInstanceOfSatisfying(SpnegoException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.MECH_LIST_MIC)).hasMessageContaining("mechListMIC");
            assertThat(acceptor.isEstablished()).isFalse();
        }
    }

    @Test
    void tamperedAcceptorMechListMicIsRejectedByTheInitiator() throws Exception {
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(ntlm());
                SpnegoAcceptorContext acceptor = acceptor(Mechanism.NTLM)) {
            byte[] challenge = acceptor.step(initiator.step(null));
            NegTokenResp done = resp(acceptor.step(initiator.step(challenge)));
            byte[] mic = done.mechListMic().get();
            mic[0] ^= 1;
            byte[] tampered = new NegTokenResp(NegState.ACCEPT_COMPLETED, null, null, mic).encode();
            assertThatThrownBy(() -> initiator.step(tampered)).isInstanceOfSatisfying(SpnegoException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.MECH_LIST_MIC));
            assertThat(initiator.isEstablished()).isFalse();
            assertThatThrownBy(() -> initiator.wrap(new byte[1])).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void reorderedMechanismListIsDetected() throws Exception {
        // An attacker puts NTLM first in the list the acceptor sees (and drops the Kerberos token); the MICs then
        // cover different lists (RFC 4178 §5).
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(kerberos(), ntlm()));
                SpnegoAcceptorContext acceptor = acceptor(Mechanism.KERBEROS, Mechanism.NTLM)) {
            NegTokenInit original = (NegTokenInit) NegotiationToken.decode(initiator.step(null));
            assertThat(original.mechTypes()).containsExactly(Mechanism.KERBEROS.oid(), Mechanism.NTLM.oid());
            byte[] forged = NegTokenInit.of(List.of(Mechanism.NTLM.oid(), Mechanism.KERBEROS.oid()), null).encode();
            byte[] selectNtlm = acceptor.step(forged);
            assertThat(resp(selectNtlm).negState()).contains(NegState.ACCEPT_INCOMPLETE);
            byte[] negotiate = initiator.step(selectNtlm);
            byte[] auth = initiator.step(acceptor.step(negotiate));
            assertThat(resp(auth).mechListMic()).isPresent();
            assertThatThrownBy(() -> acceptor.step(auth)).isInstanceOfSatisfying(SpnegoException.class,
                    e -> assertThat(e.reason()).isEqualTo(Reason.MECH_LIST_MIC));
        }
    }

    @Test
    void acceptorCompletingWithoutRequiredMicIsRefused() throws Exception {
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(kerberos(), ntlm()))) {
            initiator.step(null);
            ToyMechanism ntlmPeer = ToyMechanism.acceptor(Mechanism.NTLM, Shape.NTLM_LIKE, SECRET);
            byte[] negotiate = resp(initiator.step(new NegTokenResp(NegState.REQUEST_MIC, Mechanism.NTLM.oid(), null, null)
                    .encode())).responseToken().get();
            byte[] challenge = ntlmPeer.step(negotiate);
            byte[] auth = resp(initiator.step(new NegTokenResp(NegState.ACCEPT_INCOMPLETE, null, challenge, null).encode()))
                    .responseToken().get();
            ntlmPeer.step(auth);
            assertThatThrownBy(() -> initiator.step(new NegTokenResp(NegState.ACCEPT_COMPLETED, null, null, null).encode()))
                    .isInstanceOfSatisfying(SpnegoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MECH_LIST_MIC))
                    .hasMessageContaining("downgraded");
        }
    }

    @Test
    void rejectionsAreTyped() throws Exception {
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(kerberos(), ntlm()))) {
            initiator.step(null);
            assertThatThrownBy(() -> initiator.step(NegTokenResp.reject().encode()))
                    .isInstanceOfSatisfying(SpnegoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                    .hasMessageContaining("[Kerberos, NTLM]");
        }
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(ntlm())) {
            byte[] init = initiator.step(null);
            SpnegoAcceptorContext acceptor = acceptor(Mechanism.NTLM);
            initiator.step(acceptor.step(init));
            assertThatThrownBy(() -> initiator.step(NegTokenResp.reject().encode()))
                    .isInstanceOfSatisfying(SpnegoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REJECTED))
                    .hasMessageContaining("NTLM").hasMessageContaining("password");
        }
    }

    @Test
    void wrongSecretFailsInTheAcceptorWithTheMechanismsOwnError() throws Exception {
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(
                        candidate(Mechanism.NTLM, Shape.NTLM_LIKE, "wrong"));
                SpnegoAcceptorContext acceptor = acceptor(Mechanism.NTLM)) {
            byte[] auth = initiator.step(acceptor.step(initiator.step(null)));
            assertThatThrownBy(() -> acceptor.step(auth)).isExactlyInstanceOf(ProtocolException.class)
                    .hasMessageContaining("wrong secret");
            assertThatThrownBy(() -> initiator.step(NegTokenResp.reject().encode())).isInstanceOf(SpnegoException.class);
        }
    }

    @Test
    void acceptorWithoutCommonMechanism() throws Exception {
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(kerberos());
                SpnegoAcceptorContext acceptor = acceptor(Mechanism.NTLM)) {
            byte[] init = initiator.step(null);
            assertThatThrownBy(() -> acceptor.step(init)).isInstanceOfSatisfying(SpnegoException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.NO_COMMON_MECHANISM);
                assertThat(e).hasMessageContaining("[Kerberos]").hasMessageContaining("[NTLM]");
            });
        }
    }

    @Test
    void acceptorSelectingAnUnofferedMechanismIsAViolation() throws Exception {
        try (SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(ntlm())) {
            initiator.step(null);
            assertThatThrownBy(() -> initiator.step(
                    new NegTokenResp(NegState.ACCEPT_INCOMPLETE, Mechanism.KERBEROS.oid(), new byte[1], null).encode()))
                    .isInstanceOfSatisfying(SpnegoException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROTOCOL_VIOLATION))
                    .hasMessageContaining("did not offer");
        }
    }

    @Test
    void negTokenInit2HintRestrictsTheCandidates() throws Exception {
        byte[] hint = new NegTokenInit(List.of(Mechanism.NTLM.oid()), null, null,
                new NegHints("not_defined_in_RFC4178@please_ignore", null), null).encode();
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(kerberos(), ntlm()));
                SpnegoAcceptorContext acceptor = acceptor(Mechanism.NTLM)) {
            byte[] init = initiator.step(hint);
            assertThat(((NegTokenInit) NegotiationToken.decode(init)).mechTypes()).containsExactly(Mechanism.NTLM.oid());
            assertThat(initiator.fallbackReasons()).extracting(FallbackReason::mechanism).containsExactly(Mechanism.KERBEROS);
            byte[] token = acceptor.step(init);
            while (token != null) {
                token = initiator.step(token);
                token = token == null ? null : acceptor.step(token);
            }
            assertThat(initiator.isEstablished()).isTrue();
            assertThat(acceptor.isEstablished()).isTrue();
            exchangeMessages(initiator, acceptor);
        }
    }

    @Test
    void windowsNegTokenInit2HintKeepsKerberosAndNtlm() throws Exception {
        // The Windows hint lists both Kerberos OIDs and NTLM; a hint without known mechanisms restricts nothing.
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(kerberos(), ntlm()))) {
            NegTokenInit init = (NegTokenInit) NegotiationToken.decode(
                    initiator.step(NegotiationTokenTest.hex(CapturedTokens.SMB_SERVER_NEG_TOKEN_INIT2)));
            assertThat(init.mechTypes()).containsExactly(Mechanism.KERBEROS.oid(), Mechanism.NTLM.oid());
            assertThat(initiator.fallbackReasons()).isEmpty();
        }
        byte[] unknownOnly = new NegTokenInit(List.of("1.3.6.1.4.1.311.2.2.30"), null, null, new NegHints("x", null), null).encode();
        try (SpnegoInitiatorContext initiator = new SpnegoInitiatorContext(List.of(kerberos(), ntlm()))) {
            assertThat(((NegTokenInit) NegotiationToken.decode(initiator.step(unknownOnly))).mechTypes()).hasSize(2);
        }
    }

    @Test
    void unestablishedContextRefusesMessageProtection() {
        SpnegoInitiatorContext initiator = SpnegoInitiatorContext.withoutFallback(ntlm());
        assertThat(initiator.negotiatedMechanism()).isEqualTo(Mechanism.SPNEGO);
        assertThatThrownBy(() -> initiator.wrap(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> acceptor(Mechanism.NTLM).unwrap(new byte[1])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SpnegoInitiatorContext(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpnegoInitiatorContext(List.of(ntlm(), ntlm()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SpnegoCandidate(Mechanism.SPNEGO, () -> null)).isInstanceOf(IllegalArgumentException.class);
    }
}
