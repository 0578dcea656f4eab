package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SecurityContextFactory;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoAcceptorContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Windows' "Negotiate" acceptor as WinRM (and CredSSP's inner authentication) accepts it: the first token is either
 * a raw NTLMSSP message (MS-NLMP §2.2.1, what requests-ntlm and FreeRDP send) or SPNEGO (RFC 4178, MS-SPNG) offering
 * NTLM; the context is chosen from that token and everything is delegated to it.
 */
public final class NegotiateAcceptorContext implements SecurityContext {
    private static final byte[] NTLMSSP_SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

    private final Supplier<? extends SecurityContext> ntlm;
    private final Supplier<? extends SecurityContext> spnego;
    private SecurityContext chosen;

    /**
     * @param ntlm a fresh raw NTLM acceptor
     * @param spnego a fresh SPNEGO acceptor, or {@code null} to accept raw NTLMSSP only
     */
    public NegotiateAcceptorContext(Supplier<? extends SecurityContext> ntlm, Supplier<? extends SecurityContext> spnego) {
        this.ntlm = ntlm;
        this.spnego = spnego;
    }

    /** Raw NTLMSSP or SPNEGO/NTLM against these accounts, the server calling itself {@code LOCALWINRM}. */
    public static NegotiateAcceptorContext forAccounts(NtlmUserStore users, byte[] channelBindingsHash) {
        return forAccounts(users, channelBindingsHash, null);
    }

    /**
     * Raw NTLMSSP, or SPNEGO offering Kerberos (when {@code kerberos} is given, as on a domain member) and NTLM.
     *
     * @param kerberos fresh Kerberos acceptors (e.g. JGSS with the service's keytab), or {@code null} for NTLM only
     */
    public static NegotiateAcceptorContext forAccounts(NtlmUserStore users, byte[] channelBindingsHash,
            SecurityContextFactory kerberos) {
        Supplier<NtlmAcceptorContext> ntlm = () -> NtlmAcceptorContext.builder(users).computerName("LOCALWINRM")
                .channelBindingsHash(channelBindingsHash).build();
        Map<Mechanism, SecurityContextFactory> mechanisms = new EnumMap<>(Mechanism.class);
        if (kerberos != null) {
            mechanisms.put(Mechanism.KERBEROS, kerberos);
        }
        mechanisms.put(Mechanism.NTLM, ntlm::get);
        return new NegotiateAcceptorContext(ntlm, () -> new SpnegoAcceptorContext(mechanisms));
    }

    static boolean isRawNtlm(byte[] token) {
        return token != null && token.length >= NTLMSSP_SIGNATURE.length
                && Arrays.equals(token, 0, NTLMSSP_SIGNATURE.length, NTLMSSP_SIGNATURE, 0, NTLMSSP_SIGNATURE.length);
    }

    @Override
    public Mechanism mechanism() {
        return chosen == null ? Mechanism.SPNEGO : chosen.mechanism();
    }

    @Override
    public Mechanism negotiatedMechanism() {
        return chosen == null ? Mechanism.SPNEGO : chosen.negotiatedMechanism();
    }

    @Override
    public byte[] step(byte[] input) throws ProtocolException {
        if (chosen == null) {
            if (isRawNtlm(input)) {
                chosen = ntlm.get();
            } else if (spnego != null) {
                chosen = spnego.get();
            } else {
                throw new AuthenticationFailedException("Negotiate: only raw NTLMSSP tokens are accepted by this service");
            }
        }
        return chosen.step(input);
    }

    @Override
    public boolean isEstablished() {
        return chosen != null && chosen.isEstablished();
    }

    @Override
    public boolean isProtectionReady() {
        return chosen != null && chosen.isProtectionReady();
    }

    @Override
    public byte[] wrap(byte[] message) throws ProtocolException {
        return ready().wrap(message);
    }

    @Override
    public byte[] unwrap(byte[] token) throws ProtocolException {
        return ready().unwrap(token);
    }

    @Override
    public byte[] getMic(byte[] message) throws ProtocolException {
        return ready().getMic(message);
    }

    @Override
    public void verifyMic(byte[] message, byte[] mic) throws ProtocolException {
        ready().verifyMic(message, mic);
    }

    @Override
    public void resetCryptoState() {
        if (chosen != null) {
            chosen.resetCryptoState();
        }
    }

    @Override
    public String peerName() {
        return chosen == null ? null : chosen.peerName();
    }

    private SecurityContext ready() {
        if (!isProtectionReady()) {
            throw new IllegalStateException("the Negotiate exchange cannot protect messages yet");
        }
        return chosen;
    }

    @Override
    public void close() {
        if (chosen != null) {
            chosen.close();
        }
    }
}
