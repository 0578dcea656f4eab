package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Entropy;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.AvId;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.AvPair;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.TargetInfo;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmAuthenticate;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmChallenge;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmNegotiate;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmV2ClientChallenge;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmV2Response;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmVersion;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * NTLMv2 client (MS-NLMP §3.1): {@code step(null)} returns the NEGOTIATE_MESSAGE, {@code step(challenge)} returns
 * the AUTHENTICATE_MESSAGE and establishes the context. NTLMv1 and LM are refused. Extended session security, key
 * exchange, 128-bit keys, signing and sealing are always requested; a MIC is added when the server sends
 * MsvAvTimestamp (§3.1.5.1.2).
 *
 * <pre>{@code
 * try (NtlmInitiatorContext ntlm = NtlmInitiatorContext.builder(credentials).targetSpn("HTTP/host").build()) {
 *     byte[] negotiate = ntlm.step(null);
 *     byte[] authenticate = ntlm.step(challengeFromServer);
 *     byte[] sealed = ntlm.wrap(message);
 * }
 * }</pre>
 */
public final class NtlmInitiatorContext extends NtlmContext {
    /** What the client asks for in its NEGOTIATE_MESSAGE (0xE2888235; FreeRDP refuses less than 0x205). */
    public static final EnumSet<NegotiateFlag> NEGOTIATE_FLAGS = EnumSet.of(
            NegotiateFlag.NEGOTIATE_UNICODE, NegotiateFlag.REQUEST_TARGET, NegotiateFlag.NEGOTIATE_NTLM,
            NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY, NegotiateFlag.NEGOTIATE_ALWAYS_SIGN,
            NegotiateFlag.NEGOTIATE_SIGN, NegotiateFlag.NEGOTIATE_SEAL, NegotiateFlag.NEGOTIATE_128,
            NegotiateFlag.NEGOTIATE_56, NegotiateFlag.NEGOTIATE_KEY_EXCH, NegotiateFlag.NEGOTIATE_TARGET_INFO,
            NegotiateFlag.NEGOTIATE_VERSION);

    private enum State { INITIAL, CHALLENGE_EXPECTED, ESTABLISHED, FAILED, CLOSED }

    private final UserCredentials credentials;
    private final String targetSpn;
    private final byte[] channelBindingsHash;
    private final String workstation;
    private final Entropy entropy;
    private final Clock clock;
    private final NtlmVersion version;

    private State state = State.INITIAL;
    private NtlmNegotiate negotiate;
    private boolean micProvided;

    private NtlmInitiatorContext(Builder b) {
        super("initiator");
        this.credentials = b.credentials;
        this.targetSpn = b.targetSpn;
        this.channelBindingsHash = b.channelBindingsHash;
        this.workstation = b.workstation;
        this.entropy = b.entropy;
        this.clock = b.clock;
        this.version = b.version;
    }

    /** @param credentials used until the context is established; the context does not destroy them */
    public static Builder builder(UserCredentials credentials) {
        return new Builder(credentials);
    }

    @Override
    public byte[] step(byte[] input) throws ProtocolException {
        switch (state) {
            case INITIAL -> {
                if (input != null && input.length > 0) {
                    throw new NtlmException("NTLM initiator: the first step takes no token, got " + input.length
                            + " bytes");
                }
                negotiate = new NtlmNegotiate(NEGOTIATE_FLAGS, "", "", version);
                state = State.CHALLENGE_EXPECTED;
                return negotiate.encode();
            }
            case CHALLENGE_EXPECTED -> {
                state = State.FAILED;
                byte[] authenticate = processChallenge(input);
                state = State.ESTABLISHED;
                return authenticate;
            }
            case ESTABLISHED -> throw new NtlmException("NTLM initiator: the context is already established");
            case FAILED -> throw new NtlmException("NTLM initiator: the exchange already failed");
            default -> throw new NtlmException("NTLM initiator: the context was closed");
        }
    }

    private byte[] processChallenge(byte[] token) throws ProtocolException {
        if (token == null) {
            throw new NtlmException("NTLM initiator: expected the server's CHALLENGE_MESSAGE, got no token");
        }
        NtlmChallenge challenge = NtlmChallenge.decode(token);
        EnumSet<NegotiateFlag> offered = challenge.flags();
        if (!offered.contains(NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY)
                || offered.contains(NegotiateFlag.NEGOTIATE_LM_KEY)) {
            throw new NtlmException("NTLM: the server's CHALLENGE (flags " + NegotiateFlag.toHex(offered)
                    + ") asks for NTLMv1/LM session security; NTLMv1 and LM are not supported, only NTLMv2 with"
                    + " extended session security (set the server's LmCompatibilityLevel to 3 or higher)");
        }
        if (!offered.contains(NegotiateFlag.NEGOTIATE_TARGET_INFO) || challenge.targetInfo().isEmpty()) {
            throw new NtlmException("NTLM: the server's CHALLENGE carries no target information, which NTLMv2"
                    + " requires; NTLMv1 and LM are not supported");
        }
        if (!offered.contains(NegotiateFlag.NEGOTIATE_UNICODE)) {
            throw new NtlmException("NTLM: the server's CHALLENGE did not select Unicode (flags "
                    + NegotiateFlag.toHex(offered) + "); OEM character sets are not supported");
        }
        EnumSet<NegotiateFlag> flags = NegotiateFlag.copyOf(NEGOTIATE_FLAGS);
        flags.retainAll(offered);

        OptionalLong serverTime = challenge.targetInfo().timestamp();
        micProvided = serverTime.isPresent();
        long timestamp = serverTime.orElseGet(() -> NtlmCrypto.filetime(clock.instant()));
        TargetInfo avPairs = challenge.targetInfo();
        if (micProvided) {
            avPairs = avPairs.withFlags(avPairs.flags() | TargetInfo.FLAG_MIC_PRESENT);
        }
        if (targetSpn != null) {
            avPairs = avPairs.with(AvPair.text(AvId.MSV_AV_TARGET_NAME, targetSpn));
        }
        avPairs = avPairs.with(new AvPair(AvId.MSV_AV_CHANNEL_BINDINGS,
                channelBindingsHash != null ? channelBindingsHash : new byte[16]));

        NtlmV2ClientChallenge temp = new NtlmV2ClientChallenge(timestamp,
                entropy.bytes(NtlmV2ClientChallenge.CLIENT_CHALLENGE_LENGTH), avPairs);
        if (NtlmV2Response.NT_PROOF_STR_LENGTH + temp.encode().length > 0xFFFF) {
            throw new NtlmException("NTLM: the server's target information (" + challenge.targetInfo().encode().length
                    + " bytes) is too large to fit an NTLMv2 response");
        }
        byte[] responseKeyNT = null;
        byte[] keyExchangeKey = null;
        byte[] exportedSessionKey = null;
        NtlmCrypto.ResponseV2 response = null;
        char[] password = credentials.password();
        try {
            responseKeyNT = NtlmCrypto.ntowfv2(password, credentials.user(), credentials.domain());
            response = NtlmCrypto.computeResponse(responseKeyNT, challenge.serverChallenge(), temp);
            keyExchangeKey = NtlmCrypto.kxkey(response.sessionBaseKey());
            byte[] encryptedRandomSessionKey;
            if (flags.contains(NegotiateFlag.NEGOTIATE_KEY_EXCH)) {
                exportedSessionKey = entropy.bytes(16);
                encryptedRandomSessionKey = NtlmCrypto.rc4k(keyExchangeKey, exportedSessionKey);
            } else {
                exportedSessionKey = keyExchangeKey.clone();
                encryptedRandomSessionKey = new byte[0];
            }
            // §3.1.5.1.2: with MsvAvTimestamp the LmChallengeResponse is Z(24).
            byte[] lm = micProvided ? new byte[24] : response.lmChallengeResponse();
            NtlmAuthenticate authenticate = new NtlmAuthenticate(flags, lm, response.ntChallengeResponse(),
                    credentials.domain(), credentials.user(), workstation, encryptedRandomSessionKey,
                    flags.contains(NegotiateFlag.NEGOTIATE_VERSION) ? version : null,
                    micProvided ? new byte[NtlmAuthenticate.MIC_LENGTH] : null);
            if (micProvided) {
                authenticate = authenticate.withMic(NtlmCrypto.mic(exportedSessionKey, negotiate.encode(), token,
                        authenticate.encodeWithZeroMic()));
            }
            security = new NtlmSessionSecurity(flags, exportedSessionKey, true);
            return authenticate.encode();
        } finally {
            Arrays.fill(password, '\0');
            wipe(responseKeyNT);
            wipe(keyExchangeKey);
            wipe(exportedSessionKey);
            if (response != null) {
                wipe(response.sessionBaseKey());
            }
        }
    }

    private static void wipe(byte[] secret) {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public boolean isEstablished() {
        return state == State.ESTABLISHED;
    }

    /** Whether the AUTHENTICATE_MESSAGE carried a MIC; SPNEGO then must send a mechListMIC (MS-SPNG §3.1.5.1). */
    public boolean isMicProvided() {
        return micProvided;
    }

    /** The target SPN given to the builder, or {@code null}. */
    @Override
    public String peerName() {
        return targetSpn;
    }

    @Override
    Object state() {
        return state;
    }

    @Override
    void markClosed() {
        state = State.CLOSED;
    }

    @Override
    public String toString() {
        return "NtlmInitiatorContext[" + credentials.displayName() + " -> " + targetSpn + ", " + state + "]";
    }

    /** Options of an {@link NtlmInitiatorContext}. */
    public static final class Builder {
        private final UserCredentials credentials;
        private String targetSpn;
        private byte[] channelBindingsHash;
        private String workstation = "";
        private Entropy entropy = Entropy.secure();
        private Clock clock = Clock.systemUTC();
        private NtlmVersion version = NtlmVersion.DEFAULT;

        private Builder(UserCredentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        /** The service principal name sent in MsvAvTargetName, e.g. {@code HTTP/host.example.com}. */
        public Builder targetSpn(String spn) {
            this.targetSpn = spn;
            return this;
        }

        /** MsvAvChannelBindings: the 16-byte MD5 of the channel bindings ({@link NtlmCrypto#channelBindingsHash}). */
        public Builder channelBindingsHash(byte[] hash) {
            if (hash != null && hash.length != 16) {
                throw new IllegalArgumentException("channel bindings hash must be 16 bytes (MD5)");
            }
            this.channelBindingsHash = hash == null ? null : hash.clone();
            return this;
        }

        /** The client's computer name for the AUTHENTICATE_MESSAGE; empty by default. */
        public Builder workstation(String workstation) {
            this.workstation = Objects.requireNonNull(workstation, "workstation");
            return this;
        }

        public Builder entropy(Entropy entropy) {
            this.entropy = Objects.requireNonNull(entropy, "entropy");
            return this;
        }

        /** Used for the NTLMv2 timestamp when the server sends none. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder version(NtlmVersion version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        public NtlmInitiatorContext build() {
            return new NtlmInitiatorContext(this);
        }
    }
}
