package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Entropy;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.AvId;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.TargetInfo;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmAuthenticate;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmChallenge;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmNegotiate;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmV2Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** An {@link NtlmInitiatorContext} against an {@link NtlmAcceptorContext}, in process (MS-NLMP §3.1, §3.2). */
class NtlmContextTest {
    static final String PASSWORD = "S3cret-Pässword!";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

    static NtlmUserStore store() {
        return NtlmUserStore.of(List.of(
                NtlmAccount.withPassword("CORP", "alice", PASSWORD.toCharArray()),
                NtlmAccount.withPassword("", "localadmin", PASSWORD.toCharArray())));
    }

    static Entropy seeded(long seed) {
        Random random = new Random(seed);
        return random::nextBytes;
    }

    static NtlmInitiatorContext initiator(String user, String password) {
        return NtlmInitiatorContext.builder(UserCredentials.parse(user, password.toCharArray()))
                .targetSpn("HTTP/server.corp.example").workstation("JENKINS").entropy(seeded(1)).clock(CLOCK).build();
    }

    static NtlmAcceptorContext acceptor() {
        return NtlmAcceptorContext.builder(store()).computerName("SERVER").domainName("CORP")
                .dnsDomainName("corp.example").dnsComputerName("server.corp.example")
                .entropy(seeded(2)).clock(CLOCK).build();
    }

    /** Runs the three legs and returns the AUTHENTICATE_MESSAGE. */
    static byte[] authenticate(NtlmInitiatorContext client, NtlmAcceptorContext server) throws Exception {
        byte[] negotiate = client.step(null);
        assertThat(client.isEstablished()).isFalse();
        byte[] challenge = server.step(negotiate);
        assertThat(server.isEstablished()).isFalse();
        byte[] authenticate = client.step(challenge);
        assertThat(client.isEstablished()).isTrue();
        assertThat(server.step(authenticate)).isNull();
        assertThat(server.isEstablished()).isTrue();
        return authenticate;
    }

    @ParameterizedTest
    @ValueSource(strings = {"CORP\\alice", "corp\\ALICE", "alice@corp.example", "localadmin", "OTHER\\localadmin"})
    void authenticatesEveryUserNameForm(String user) throws Exception {
        try (NtlmInitiatorContext client = initiator(user, PASSWORD); NtlmAcceptorContext server = acceptor()) {
            authenticate(client, server);
            assertThat(server.peerName()).isEqualTo(user.toLowerCase().contains("alice") ? "CORP\\alice"
                    : "SERVER\\localadmin");
            assertThat(client.peerName()).isEqualTo("HTTP/server.corp.example");
            assertThat(client.isMicProvided()).isTrue();
            assertThat(server.isMicVerified()).isTrue();
        }
    }

    @Test
    void upnIsSentAsUserNameWithEmptyDomain() throws Exception {
        try (NtlmInitiatorContext client = initiator("alice@corp.example", PASSWORD)) {
            client.step(null);
            NtlmAcceptorContext server = acceptor();
            NtlmAuthenticate auth = NtlmAuthenticate.decode(client.step(server.step(
                    new NtlmNegotiate(NtlmInitiatorContext.NEGOTIATE_FLAGS, "", "",
                            io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmVersion.DEFAULT).encode())));
            // MS-NLMP §3.1.5.1.2 / MS-CSSP §2.2.1.2.1: a UPN travels whole in UserName with an empty DomainName
            assertThat(auth.userName()).isEqualTo("alice@corp.example");
            assertThat(auth.domainName()).isEmpty();
            assertThat(auth.workstation()).isEqualTo("JENKINS");
        }
    }

    @Test
    void authenticateCarriesSpnTimestampMicAndZeroLmResponse() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD); NtlmAcceptorContext server = acceptor()) {
            NtlmNegotiate negotiate = NtlmNegotiate.decode(client.step(null));
            assertThat(NegotiateFlag.toWire(negotiate.flags())).isEqualTo(0xE2888235);
            assertThat(negotiate.flags()).containsAll(NtlmInitiatorContext.NEGOTIATE_FLAGS);
            byte[] challengeToken = server.step(negotiate.encode());
            NtlmChallenge challenge = NtlmChallenge.decode(challengeToken);
            assertThat(challenge.targetInfo().timestamp()).hasValue(NtlmCrypto.filetime(CLOCK.instant()));
            assertThat(challenge.targetInfo().text(AvId.MSV_AV_NB_COMPUTER_NAME)).hasValue("SERVER");
            NtlmAuthenticate auth = NtlmAuthenticate.decode(client.step(challengeToken));
            TargetInfo pairs = NtlmV2Response.decode(auth.ntChallengeResponse()).clientChallenge().avPairs();
            assertThat(pairs.text(AvId.MSV_AV_TARGET_NAME)).hasValue("HTTP/server.corp.example");
            assertThat(pairs.flags() & TargetInfo.FLAG_MIC_PRESENT).isNotZero();
            assertThat(pairs.get(AvId.MSV_AV_CHANNEL_BINDINGS).orElseThrow().value()).isEqualTo(new byte[16]);
            assertThat(NtlmV2Response.decode(auth.ntChallengeResponse()).clientChallenge().timestamp())
                    .isEqualTo(NtlmCrypto.filetime(CLOCK.instant()));
            assertThat(auth.lmChallengeResponse()).isEqualTo(new byte[24]);
            assertThat(auth.mic()).isPresent();
            assertThat(auth.mic().get()).isNotEqualTo(new byte[16]);
        }
    }

    @Test
    void wrongPasswordIsLogonFailure() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", "wrong"); NtlmAcceptorContext server = acceptor()) {
            byte[] authenticate = client.step(server.step(client.step(null)));
            assertThatThrownBy(() -> server.step(authenticate))
                    .isInstanceOfSatisfying(NtlmAuthenticationException.class, e -> {
                        assertThat(e.ntStatus()).isEqualTo(0xC000006D);
                        assertThat(e.getMessage()).contains("0xC000006D", "STATUS_LOGON_FAILURE")
                                .doesNotContain("wrong password").doesNotContain("no account");
                        assertThat(e.serverDetail()).contains("wrong password");
                    });
            assertThat(server.isEstablished()).isFalse();
            assertThat(server.peerName()).isNull();
        }
    }

    @Test
    void unknownUserIsTheSameLogonFailure() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\mallory", PASSWORD);
                NtlmInitiatorContext wrongPassword = initiator("CORP\\alice", "wrong")) {
            NtlmAcceptorContext server = acceptor();
            byte[] authenticate = client.step(server.step(client.step(null)));
            NtlmAcceptorContext server2 = acceptor();
            byte[] authenticate2 = wrongPassword.step(server2.step(wrongPassword.step(null)));
            NtlmAuthenticationException unknown = catchAuth(server, authenticate);
            NtlmAuthenticationException badPassword = catchAuth(server2, authenticate2);
            assertThat(unknown.getMessage()).isEqualTo(badPassword.getMessage());
            assertThat(unknown.ntStatus()).isEqualTo(NtlmAuthenticationException.STATUS_LOGON_FAILURE);
            assertThat(unknown.serverDetail()).contains("no account");
        }
    }

    private static NtlmAuthenticationException catchAuth(NtlmAcceptorContext server, byte[] token) {
        try {
            server.step(token);
        } catch (NtlmAuthenticationException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected NtlmAuthenticationException", e);
        }
        throw new AssertionError("logon was accepted");
    }

    @Test
    void sealAndUnsealBothWays() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD); NtlmAcceptorContext server = acceptor()) {
            authenticate(client, server);
            for (int i = 0; i < 3; i++) {
                byte[] request = ("request " + i).getBytes(StandardCharsets.UTF_8);
                byte[] wrapped = client.wrap(request);
                assertThat(wrapped).hasSize(16 + request.length);
                assertThat(Arrays.copyOfRange(wrapped, 16, wrapped.length)).isNotEqualTo(request);
                assertThat(server.unwrap(wrapped)).isEqualTo(request);
                byte[] reply = ("reply " + i).getBytes(StandardCharsets.UTF_8);
                assertThat(client.unwrap(server.wrap(reply))).isEqualTo(reply);
            }
            byte[] mic = client.getMic("signed".getBytes(StandardCharsets.UTF_8));
            server.verifyMic("signed".getBytes(StandardCharsets.UTF_8), mic);
            server.verifyMic("again".getBytes(StandardCharsets.UTF_8),
                    client.getMic("again".getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void resetCryptoStateRestartsTheKeyStreamsButNotTheSequence() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD); NtlmAcceptorContext server = acceptor()) {
            authenticate(client, server);
            // MS-SPNG §3.3.5.1: mechListMIC, then both sides reset their RC4 state
            byte[] mechListMic = client.getMic(new byte[] {1, 2, 3});
            server.verifyMic(new byte[] {1, 2, 3}, mechListMic);
            client.resetCryptoState();
            server.resetCryptoState();
            byte[] wrapped = client.wrap(new byte[] {4, 5});
            assertThat(wrapped[12]).isEqualTo((byte) 1);
            assertThat(server.unwrap(wrapped)).containsExactly(4, 5);
        }
    }

    @Test
    void tamperedSignatureAndMessageAreRefused() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD); NtlmAcceptorContext server = acceptor()) {
            authenticate(client, server);
            byte[] wrapped = client.wrap("hello".getBytes(StandardCharsets.UTF_8));
            wrapped[wrapped.length - 1] ^= 1;
            assertThatThrownBy(() -> server.unwrap(wrapped)).isInstanceOf(NtlmIntegrityException.class)
                    .hasMessageContaining("signature does not match");
        }
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD); NtlmAcceptorContext server = acceptor()) {
            authenticate(client, server);
            byte[] mic = client.getMic("hello".getBytes(StandardCharsets.UTF_8));
            mic[5] ^= 1;
            assertThatThrownBy(() -> server.verifyMic("hello".getBytes(StandardCharsets.UTF_8), mic))
                    .isInstanceOf(NtlmIntegrityException.class);
        }
    }

    @Test
    void replayedMessageIsRefused() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD); NtlmAcceptorContext server = acceptor()) {
            authenticate(client, server);
            byte[] first = client.wrap("one".getBytes(StandardCharsets.UTF_8));
            server.unwrap(first);
            assertThatThrownBy(() -> server.unwrap(first)).isInstanceOf(NtlmIntegrityException.class)
                    .hasMessageContaining("sequence number 0, expected 1");
        }
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD); NtlmAcceptorContext server = acceptor()) {
            authenticate(client, server);
            client.wrap("lost".getBytes(StandardCharsets.UTF_8));
            byte[] second = client.wrap("two".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> server.unwrap(second)).isInstanceOf(NtlmIntegrityException.class)
                    .hasMessageContaining("sequence number 1, expected 0");
        }
    }

    @Test
    void tamperedMicIsRefused() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD); NtlmAcceptorContext server = acceptor()) {
            byte[] authenticate = client.step(server.step(client.step(null)));
            authenticate[NtlmAuthenticate.MIC_OFFSET + 3] ^= 0x40;
            assertThatThrownBy(() -> server.step(authenticate))
                    .isInstanceOfSatisfying(NtlmAuthenticationException.class,
                            e -> assertThat(e.serverDetail()).contains("MIC"));
        }
    }

    @Test
    void tamperedNegotiateFlagsBreakTheMic() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD); NtlmAcceptorContext server = acceptor()) {
            byte[] negotiate = client.step(null);
            byte[] challenge = server.step(negotiate);
            byte[] authenticate = client.step(challenge);
            // an attacker strips NEGOTIATE_SEAL from the AUTHENTICATE flags (offset 60): the MIC covers them
            authenticate[60] &= ~0x20;
            assertThatThrownBy(() -> server.step(authenticate)).isInstanceOf(NtlmAuthenticationException.class);
        }
    }

    @Test
    void channelBindingsMustMatchWhenTheAcceptorRequiresThem() throws Exception {
        byte[] bindings = NtlmCrypto.channelBindingsHash("tls-server-end-point:abc".getBytes(StandardCharsets.US_ASCII));
        NtlmAcceptorContext.Builder serverBuilder = NtlmAcceptorContext.builder(store()).computerName("SERVER")
                .domainName("CORP").entropy(seeded(2)).clock(CLOCK).channelBindingsHash(bindings);
        try (NtlmInitiatorContext client = NtlmInitiatorContext.builder(
                        UserCredentials.parse("CORP\\alice", PASSWORD.toCharArray()))
                .channelBindingsHash(bindings).entropy(seeded(1)).clock(CLOCK).build();
                NtlmAcceptorContext server = serverBuilder.build()) {
            authenticate(client, server);
        }
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD);
                NtlmAcceptorContext server = serverBuilder.build()) {
            byte[] authenticate = client.step(server.step(client.step(null)));
            assertThatThrownBy(() -> server.step(authenticate)).isInstanceOf(NtlmAuthenticationException.class);
        }
    }

    @Test
    void challengeWithoutExtendedSessionSecurityIsRefusedAsNtlmV1() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD)) {
            client.step(null);
            NtlmChallenge v1 = new NtlmChallenge(
                    java.util.EnumSet.of(NegotiateFlag.NEGOTIATE_UNICODE, NegotiateFlag.NEGOTIATE_NTLM,
                            NegotiateFlag.NEGOTIATE_SIGN, NegotiateFlag.NEGOTIATE_SEAL),
                    "SERVER", new byte[8], TargetInfo.empty(), null);
            assertThatThrownBy(() -> client.step(v1.encode())).isInstanceOf(NtlmException.class)
                    .hasMessageContaining("NTLMv1 and LM are not supported");
        }
    }

    @Test
    void challengeWithoutTargetInfoIsRefused() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD)) {
            client.step(null);
            NtlmChallenge noInfo = new NtlmChallenge(
                    java.util.EnumSet.of(NegotiateFlag.NEGOTIATE_UNICODE, NegotiateFlag.NEGOTIATE_NTLM,
                            NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY),
                    "SERVER", new byte[8], TargetInfo.empty(), null);
            assertThatThrownBy(() -> client.step(noInfo.encode())).isInstanceOf(NtlmException.class)
                    .hasMessageContaining("NTLMv1 and LM are not supported");
        }
    }

    @Test
    void withoutServerTimestampTheClockIsUsedAndNoMicIsSent() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD)) {
            client.step(null);
            NtlmChallenge challenge = new NtlmChallenge(
                    java.util.EnumSet.of(NegotiateFlag.NEGOTIATE_UNICODE, NegotiateFlag.NEGOTIATE_NTLM,
                            NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY, NegotiateFlag.NEGOTIATE_TARGET_INFO,
                            NegotiateFlag.NEGOTIATE_SIGN, NegotiateFlag.NEGOTIATE_SEAL,
                            NegotiateFlag.NEGOTIATE_KEY_EXCH, NegotiateFlag.NEGOTIATE_128),
                    "SERVER", new byte[8], TargetInfo.of(List.of(
                            io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.AvPair.text(
                                    AvId.MSV_AV_NB_COMPUTER_NAME, "SERVER"))), null);
            NtlmAuthenticate auth = NtlmAuthenticate.decode(client.step(challenge.encode()));
            assertThat(client.isMicProvided()).isFalse();
            assertThat(auth.mic()).isEmpty();
            assertThat(NtlmV2Response.decode(auth.ntChallengeResponse()).clientChallenge().timestamp())
                    .isEqualTo(NtlmCrypto.filetime(CLOCK.instant()));
            assertThat(auth.lmChallengeResponse()).hasSize(24).isNotEqualTo(new byte[24]);
        }
    }

    @Test
    void oversizedTargetInfoIsRefused() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD)) {
            client.step(null);
            NtlmChallenge challenge = new NtlmChallenge(
                    java.util.EnumSet.of(NegotiateFlag.NEGOTIATE_UNICODE, NegotiateFlag.NEGOTIATE_NTLM,
                            NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY, NegotiateFlag.NEGOTIATE_TARGET_INFO),
                    "SERVER", new byte[8], TargetInfo.of(List.of(
                            new io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.AvPair(0x7777, new byte[65480]))),
                    null);
            assertThatThrownBy(() -> client.step(challenge.encode())).isInstanceOf(NtlmException.class)
                    .hasMessageContaining("too large");
        }
    }

    @Test
    void acceptorSelectsUnicodeForAnOemOnlyNegotiate() throws Exception {
        // python ntlm-auth offers NEGOTIATE_OEM without NEGOTIATE_UNICODE and follows the server's choice
        java.util.EnumSet<NegotiateFlag> oem = NegotiateFlag.copyOf(NtlmInitiatorContext.NEGOTIATE_FLAGS);
        oem.remove(NegotiateFlag.NEGOTIATE_UNICODE);
        oem.add(NegotiateFlag.NEGOTIATE_OEM);
        try (NtlmAcceptorContext server = acceptor()) {
            NtlmChallenge challenge = NtlmChallenge.decode(server.step(new NtlmNegotiate(oem, "", "",
                    io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmVersion.DEFAULT).encode()));
            assertThat(challenge.flags()).contains(NegotiateFlag.NEGOTIATE_UNICODE, NegotiateFlag.NEGOTIATE_SEAL,
                    NegotiateFlag.NEGOTIATE_KEY_EXCH, NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY);
        }
    }

    @Test
    void acceptorRefusesAClientWithoutExtendedSessionSecurity() {
        java.util.EnumSet<NegotiateFlag> v1 = java.util.EnumSet.of(NegotiateFlag.NEGOTIATE_UNICODE,
                NegotiateFlag.NEGOTIATE_NTLM, NegotiateFlag.NEGOTIATE_LM_KEY);
        NtlmAcceptorContext server = acceptor();
        assertThatThrownBy(() -> server.step(new NtlmNegotiate(v1, "", "", null).encode()))
                .isInstanceOf(NtlmException.class).hasMessageContaining("NTLMv1 and LM are not supported");
    }

    @Test
    void failedInitiatorCannotBeSteppedAgain() throws Exception {
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD)) {
            client.step(null);
            assertThatThrownBy(() -> client.step(new byte[] {1, 2, 3})).isInstanceOf(
                    io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException.class);
            assertThatThrownBy(() -> client.step(acceptor().step(client.step(null))))
                    .isInstanceOf(NtlmException.class).hasMessageContaining("already failed");
        }
    }

    @Test
    void protectionBeforeEstablishmentIsAnError() {
        NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD);
        assertThatThrownBy(() -> client.wrap(new byte[1])).isInstanceOf(NtlmException.class)
                .hasMessageContaining("established");
    }

    @Test
    void passwordNeverAppearsInMessagesOrToString() throws Exception {
        StringBuilder seen = new StringBuilder();
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD); NtlmAcceptorContext server = acceptor()) {
            seen.append(client).append(server);
            authenticate(client, server);
            seen.append(client).append(server).append(client.sessionSecurity()).append(server.sessionSecurity());
        }
        try (NtlmInitiatorContext client = initiator("CORP\\alice", PASSWORD + "x");
                NtlmAcceptorContext server = acceptor()) {
            byte[] negotiate = client.step(null);
            byte[] challenge = server.step(negotiate);
            byte[] authenticate = client.step(challenge);
            seen.append(NtlmNegotiate.decode(negotiate)).append(NtlmChallenge.decode(challenge))
                    .append(NtlmAuthenticate.decode(authenticate));
            try {
                server.step(authenticate);
            } catch (NtlmAuthenticationException e) {
                seen.append(e.getMessage()).append(e.serverDetail()).append(e);
            }
        }
        for (NtlmAccount account : List.of(NtlmAccount.withPassword("D", "u", PASSWORD.toCharArray()))) {
            seen.append(account);
        }
        assertThat(seen.toString()).contains("alice").doesNotContain(PASSWORD).doesNotContain("Pässword");
    }
}
