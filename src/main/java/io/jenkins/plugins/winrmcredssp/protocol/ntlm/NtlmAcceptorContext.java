package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Entropy;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.AvId;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.AvPair;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.TargetInfo;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmAuthenticate;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmChallenge;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmNegotiate;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmV2Response;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmVersion;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * NTLMv2 server (MS-NLMP §3.2): {@code step(negotiate)} returns the CHALLENGE_MESSAGE, {@code step(authenticate)}
 * verifies the client's NTLMv2 response against an {@link NtlmUserStore} and its MIC, derives the session keys and
 * returns {@code null}. A refused logon throws {@link NtlmAuthenticationException} with STATUS_LOGON_FAILURE whether
 * the user or the password was wrong.
 */
public final class NtlmAcceptorContext extends NtlmContext {
    /**
     * Flags the server always selects (§3.2.5.1.1); signing, sealing and key strength follow the client. Unicode is
     * selected even for a client that offers only OEM (python ntlm-auth does): its AUTHENTICATE_MESSAGE is then
     * decoded in whichever character set its flags name.
     */
    private static final EnumSet<NegotiateFlag> SERVER_FLAGS = EnumSet.of(NegotiateFlag.NEGOTIATE_UNICODE,
            NegotiateFlag.NEGOTIATE_NTLM, NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY,
            NegotiateFlag.NEGOTIATE_TARGET_INFO, NegotiateFlag.NEGOTIATE_VERSION);
    private static final EnumSet<NegotiateFlag> CLIENT_CHOICES = EnumSet.of(NegotiateFlag.REQUEST_TARGET,
            NegotiateFlag.NEGOTIATE_SIGN, NegotiateFlag.NEGOTIATE_SEAL, NegotiateFlag.NEGOTIATE_ALWAYS_SIGN,
            NegotiateFlag.NEGOTIATE_128, NegotiateFlag.NEGOTIATE_56, NegotiateFlag.NEGOTIATE_KEY_EXCH,
            NegotiateFlag.NEGOTIATE_IDENTIFY);

    private enum State { NEGOTIATE_EXPECTED, AUTHENTICATE_EXPECTED, ESTABLISHED, FAILED, CLOSED }

    private final NtlmUserStore users;
    private final String computerName;
    private final String domainName;
    private final String dnsComputerName;
    private final String dnsDomainName;
    private final byte[] channelBindingsHash;
    private final Entropy entropy;
    private final Clock clock;
    private final NtlmVersion version;

    private State state = State.NEGOTIATE_EXPECTED;
    private byte[] negotiateToken;
    private NtlmChallenge challenge;
    private byte[] challengeToken;
    private String peerName;
    private boolean micVerified;

    private NtlmAcceptorContext(Builder b) {
        super("acceptor");
        this.users = b.users;
        this.computerName = b.computerName;
        this.domainName = b.domainName != null ? b.domainName : b.computerName;
        this.dnsComputerName = b.dnsComputerName != null ? b.dnsComputerName : b.computerName.toLowerCase(Locale.ROOT);
        this.dnsDomainName = b.dnsDomainName != null ? b.dnsDomainName : this.dnsComputerName;
        this.channelBindingsHash = b.channelBindingsHash;
        this.entropy = b.entropy;
        this.clock = b.clock;
        this.version = b.version;
    }

    public static Builder builder(NtlmUserStore users) {
        return new Builder(users);
    }

    @Override
    public byte[] step(byte[] input) throws ProtocolException {
        try {
            switch (state) {
                case NEGOTIATE_EXPECTED -> {
                    byte[] out = processNegotiate(input);
                    state = State.AUTHENTICATE_EXPECTED;
                    return out;
                }
                case AUTHENTICATE_EXPECTED -> {
                    processAuthenticate(input);
                    state = State.ESTABLISHED;
                    return null;
                }
                case ESTABLISHED -> throw new NtlmException("NTLM acceptor: the context is already established");
                case FAILED -> throw new NtlmException("NTLM acceptor: the exchange already failed");
                default -> throw new NtlmException("NTLM acceptor: the context was closed");
            }
        } catch (ProtocolException | RuntimeException e) {
            if (state != State.CLOSED) {
                state = State.FAILED;
            }
            throw e;
        }
    }

    private byte[] processNegotiate(byte[] token) throws ProtocolException {
        if (token == null) {
            throw new NtlmException("NTLM acceptor: expected the client's NEGOTIATE_MESSAGE, got no token");
        }
        NtlmNegotiate negotiate = NtlmNegotiate.decode(token);
        EnumSet<NegotiateFlag> requested = negotiate.flags();
        if (!requested.contains(NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            throw new NtlmException("NTLM acceptor: the client does not offer extended session security (flags "
                    + NegotiateFlag.toHex(requested) + "); NTLMv1 and LM are not supported");
        }
        EnumSet<NegotiateFlag> flags = NegotiateFlag.copyOf(CLIENT_CHOICES);
        flags.retainAll(requested);
        flags.addAll(SERVER_FLAGS);
        flags.add(NegotiateFlag.TARGET_TYPE_SERVER);
        TargetInfo targetInfo = TargetInfo.of(List.of(
                        AvPair.text(AvId.MSV_AV_NB_DOMAIN_NAME, domainName),
                        AvPair.text(AvId.MSV_AV_NB_COMPUTER_NAME, computerName),
                        AvPair.text(AvId.MSV_AV_DNS_DOMAIN_NAME, dnsDomainName),
                        AvPair.text(AvId.MSV_AV_DNS_COMPUTER_NAME, dnsComputerName)))
                .withTimestamp(NtlmCrypto.filetime(clock.instant()));
        challenge = new NtlmChallenge(flags, computerName, entropy.bytes(NtlmChallenge.SERVER_CHALLENGE_LENGTH),
                targetInfo, version);
        negotiateToken = token.clone();
        challengeToken = challenge.encode();
        return challengeToken.clone();
    }

    private void processAuthenticate(byte[] token) throws ProtocolException {
        if (token == null) {
            throw new NtlmException("NTLM acceptor: expected the client's AUTHENTICATE_MESSAGE, got no token");
        }
        NtlmAuthenticate authenticate = NtlmAuthenticate.decode(token);
        byte[] nt = authenticate.ntChallengeResponse();
        if (nt.length == 0 && authenticate.userName().isEmpty()) {
            throw NtlmAuthenticationException.logonFailure("anonymous logon refused");
        }
        if (nt.length == 24) {
            throw new NtlmException("NTLM acceptor: the client sent an NTLMv1 response; NTLMv1 and LM are not"
                    + " supported, only NTLMv2");
        }
        NtlmV2Response response = NtlmV2Response.decode(nt);
        byte[] temp = Arrays.copyOfRange(nt, NtlmV2Response.NT_PROOF_STR_LENGTH, nt.length);
        EnumSet<NegotiateFlag> flags = authenticate.flags();
        flags.retainAll(challenge.flags());
        if (!flags.contains(NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            throw new NtlmException("NTLM acceptor: the AUTHENTICATE_MESSAGE drops extended session security (flags "
                    + NegotiateFlag.toHex(authenticate.flags()) + "); NTLMv1 and LM are not supported");
        }

        Optional<NtlmAccount> account = users.find(authenticate.domainName(), authenticate.userName());
        if (account.isEmpty()) {
            throw NtlmAuthenticationException.logonFailure("no account for user '" + authenticate.userName()
                    + "' in domain '" + authenticate.domainName() + "'");
        }
        byte[] ntHash = account.get().ntHash();
        byte[] responseKeyNT = null;
        byte[] sessionBaseKey = null;
        byte[] exportedSessionKey = null;
        try {
            for (String domain : candidateDomains(authenticate.domainName())) {
                byte[] key = NtlmCrypto.ntowfv2(ntHash, authenticate.userName(), domain);
                if (NtlmCrypto.equal(NtlmCrypto.ntProofStr(key, challenge.serverChallenge(), temp),
                        response.ntProofStr())) {
                    responseKeyNT = key;
                    break;
                }
                Arrays.fill(key, (byte) 0);
            }
            if (responseKeyNT == null) {
                throw NtlmAuthenticationException.logonFailure("NTLMv2 response of user '" + authenticate.userName()
                        + "' does not verify (wrong password)");
            }
            sessionBaseKey = NtlmCrypto.sessionBaseKey(responseKeyNT, response.ntProofStr());
            byte[] keyExchangeKey = NtlmCrypto.kxkey(sessionBaseKey);
            if (flags.contains(NegotiateFlag.NEGOTIATE_KEY_EXCH)) {
                byte[] encrypted = authenticate.encryptedRandomSessionKey();
                if (encrypted.length != 16) {
                    throw new MalformedTokenException("NTLM AUTHENTICATE_MESSAGE: EncryptedRandomSessionKey has "
                            + encrypted.length + " bytes, expected 16 with NEGOTIATE_KEY_EXCH");
                }
                exportedSessionKey = NtlmCrypto.rc4k(keyExchangeKey, encrypted);
                Arrays.fill(keyExchangeKey, (byte) 0);
            } else {
                exportedSessionKey = keyExchangeKey;
            }
            TargetInfo clientPairs = response.clientChallenge().avPairs();
            verifyMic(authenticate, clientPairs, exportedSessionKey);
            verifyChannelBindings(clientPairs);
            security = new NtlmSessionSecurity(flags, exportedSessionKey, false);
            NtlmAccount a = account.get();
            peerName = (a.domain().isEmpty() ? computerName : a.domain()) + "\\" + a.user();
        } finally {
            Arrays.fill(ntHash, (byte) 0);
            wipe(responseKeyNT);
            wipe(sessionBaseKey);
            wipe(exportedSessionKey);
        }
    }

    /** The domain as sent, then upper-cased, then empty: the names a client may have put into NTOWFv2. */
    private static Set<String> candidateDomains(String domain) {
        Set<String> out = new LinkedHashSet<>();
        out.add(domain);
        out.add(domain.toUpperCase(Locale.ROOT));
        out.add("");
        return out;
    }

    private void verifyMic(NtlmAuthenticate authenticate, TargetInfo clientPairs, byte[] exportedSessionKey)
            throws ProtocolException {
        boolean announced = (clientPairs.flags() & TargetInfo.FLAG_MIC_PRESENT) != 0;
        Optional<byte[]> mic = authenticate.mic();
        if (!announced) {
            return;
        }
        if (mic.isEmpty()) {
            throw new MalformedTokenException("NTLM AUTHENTICATE_MESSAGE: MsvAvFlags announces a MIC but the message"
                    + " has no MIC field");
        }
        byte[] expected = NtlmCrypto.mic(exportedSessionKey, negotiateToken, challengeToken,
                authenticate.encodeWithZeroMic());
        if (!NtlmCrypto.equal(expected, mic.get())) {
            throw NtlmAuthenticationException.logonFailure("MIC of the AUTHENTICATE_MESSAGE does not match: the"
                    + " NTLM messages were altered in transit (MS-NLMP §3.2.5.1.2)");
        }
        micVerified = true;
    }

    private void verifyChannelBindings(TargetInfo clientPairs) throws NtlmException {
        if (channelBindingsHash == null) {
            return;
        }
        byte[] sent = clientPairs.get(AvId.MSV_AV_CHANNEL_BINDINGS).map(AvPair::value).orElse(new byte[16]);
        if (!NtlmCrypto.equal(sent, channelBindingsHash)) {
            throw new NtlmAuthenticationException(NtlmAuthenticationException.STATUS_LOGON_FAILURE,
                    "STATUS_LOGON_FAILURE", "channel bindings of the client do not match this channel");
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

    /** Whether the client's AUTHENTICATE_MESSAGE carried a MIC that verified (SPNEGO then expects a mechListMIC). */
    public boolean isMicVerified() {
        return micVerified;
    }

    /** The CHALLENGE_MESSAGE this acceptor issued, once {@link #step} produced it. */
    public Optional<NtlmChallenge> challenge() {
        return Optional.ofNullable(challenge);
    }

    /** The authenticated client as {@code DOMAIN\\user} (the computer name for local accounts); null before. */
    @Override
    public String peerName() {
        return peerName;
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
        return "NtlmAcceptorContext[" + computerName + ", " + state + (peerName != null ? ", " + peerName : "") + "]";
    }

    /** Options of an {@link NtlmAcceptorContext}. */
    public static final class Builder {
        private final NtlmUserStore users;
        private String computerName = "SERVER";
        private String domainName;
        private String dnsComputerName;
        private String dnsDomainName;
        private byte[] channelBindingsHash;
        private Entropy entropy = Entropy.secure();
        private Clock clock = Clock.systemUTC();
        private NtlmVersion version = NtlmVersion.DEFAULT;

        private Builder(NtlmUserStore users) {
            this.users = Objects.requireNonNull(users, "users");
        }

        /** NetBIOS computer name (MsvAvNbComputerName and TargetName); {@code SERVER} by default. */
        public Builder computerName(String name) {
            this.computerName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** NetBIOS domain name (MsvAvNbDomainName); the computer name by default, as for a stand-alone server. */
        public Builder domainName(String name) {
            this.domainName = name;
            return this;
        }

        public Builder dnsComputerName(String name) {
            this.dnsComputerName = name;
            return this;
        }

        public Builder dnsDomainName(String name) {
            this.dnsDomainName = name;
            return this;
        }

        /** When set, the client's MsvAvChannelBindings must equal this 16-byte hash. */
        public Builder channelBindingsHash(byte[] hash) {
            if (hash != null && hash.length != 16) {
                throw new IllegalArgumentException("channel bindings hash must be 16 bytes (MD5)");
            }
            this.channelBindingsHash = hash == null ? null : hash.clone();
            return this;
        }

        public Builder entropy(Entropy entropy) {
            this.entropy = Objects.requireNonNull(entropy, "entropy");
            return this;
        }

        /** Source of the MsvAvTimestamp in the CHALLENGE_MESSAGE. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder version(NtlmVersion version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        public NtlmAcceptorContext build() {
            return new NtlmAcceptorContext(this);
        }
    }
}
