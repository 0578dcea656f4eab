package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.bouncycastle.crypto.StreamCipher;

/**
 * NTLM session security with extended session security, MS-NLMP §3.4: one signing key, sealing key, RC4 handle and
 * sequence number per direction (§3.4.4.2, §3.4.3). The initiator sends with the client-to-server keys and receives
 * with the server-to-client keys; the acceptor the other way round. Not thread-safe; a verification failure leaves
 * the receiving key stream unusable, so the context must be dropped.
 */
public final class NtlmSessionSecurity implements AutoCloseable {
    private final EnumSet<NegotiateFlag> flags;
    private final boolean keyExchange;
    private final byte[] outSigningKey;
    private final byte[] inSigningKey;
    private final byte[] outSealingKey;
    private final byte[] inSealingKey;
    private StreamCipher outHandle;
    private StreamCipher inHandle;
    private int outSeqNum;
    private int inSeqNum;
    private boolean closed;

    /**
     * @param flags              the negotiated flags; NEGOTIATE_EXTENDED_SESSIONSECURITY must be among them
     * @param exportedSessionKey the ExportedSessionKey of §3.1.5.1.2 / §3.2.5.1.2 (copied)
     * @param initiator          whether this side is the client
     */
    public NtlmSessionSecurity(Set<NegotiateFlag> flags, byte[] exportedSessionKey, boolean initiator) {
        this.flags = NegotiateFlag.copyOf(flags);
        if (!this.flags.contains(NegotiateFlag.NEGOTIATE_EXTENDED_SESSIONSECURITY)) {
            throw new IllegalArgumentException("only extended session security (NTLMv2) is implemented");
        }
        this.keyExchange = this.flags.contains(NegotiateFlag.NEGOTIATE_KEY_EXCH);
        this.outSigningKey = NtlmCrypto.signkey(exportedSessionKey, initiator);
        this.inSigningKey = NtlmCrypto.signkey(exportedSessionKey, !initiator);
        this.outSealingKey = NtlmCrypto.sealkey(this.flags, exportedSessionKey, initiator);
        this.inSealingKey = NtlmCrypto.sealkey(this.flags, exportedSessionKey, !initiator);
        resetCryptoState();
    }

    /** Restarts both RC4 key streams; sequence numbers continue (MS-SPNG §3.3.5.1, after the mechListMIC). */
    public void resetCryptoState() {
        resetCryptoState(true);
        resetCryptoState(false);
    }

    /** Restarts the RC4 key stream of one direction. */
    public void resetCryptoState(boolean outgoing) {
        checkOpen();
        if (outgoing) {
            outHandle = NtlmCrypto.rc4Init(outSealingKey);
        } else {
            inHandle = NtlmCrypto.rc4Init(inSealingKey);
        }
    }

    /** The flags the keys were derived for. */
    public EnumSet<NegotiateFlag> flags() {
        return NegotiateFlag.copyOf(flags);
    }

    /** Signature over {@code message} with the next outgoing sequence number (GSS_GetMIC, §3.4.4). */
    public byte[] sign(byte[] message) throws NtlmException {
        checkOpen();
        requireFlag(NegotiateFlag.NEGOTIATE_SIGN, "signing");
        return NtlmCrypto.mac(outHandle, outSigningKey, outSeqNum++, message, keyExchange);
    }

    /** Verifies the peer's signature over {@code message} (GSS_VerifyMIC, §3.4.4). */
    public void verify(byte[] message, byte[] signature) throws NtlmException {
        checkOpen();
        requireFlag(NegotiateFlag.NEGOTIATE_SIGN, "signature verification");
        checkSignature(message, signature);
    }

    /**
     * SEAL, §3.4.3: RC4 of the message, then its MAC computed over the plaintext with the same key stream.
     *
     * @return {@code [sealedMessage, signature]}
     */
    public byte[][] seal(byte[] message) throws NtlmException {
        checkOpen();
        requireFlag(NegotiateFlag.NEGOTIATE_SEAL, "sealing");
        byte[] sealed = NtlmCrypto.rc4(outHandle, message);
        byte[] signature = NtlmCrypto.mac(outHandle, outSigningKey, outSeqNum++, message, keyExchange);
        return new byte[][] {sealed, signature};
    }

    /** UNSEAL: decrypts the peer's sealed message and verifies its signature (§3.4.3). */
    public byte[] unseal(byte[] sealedMessage, byte[] signature) throws NtlmException {
        checkOpen();
        requireFlag(NegotiateFlag.NEGOTIATE_SEAL, "unsealing");
        byte[] message = NtlmCrypto.rc4(inHandle, sealedMessage);
        checkSignature(message, signature);
        return message;
    }

    /** {@code signature || sealedMessage}, the layout CredSSP (MS-CSSP §3.1.5) and WinRM use. */
    public byte[] wrap(byte[] message) throws NtlmException {
        byte[][] sealed = seal(message);
        return NtlmCrypto.concat(sealed[1], sealed[0]);
    }

    /** The inverse of {@link #wrap}. */
    public byte[] unwrap(byte[] token) throws NtlmException {
        if (token == null || token.length < NtlmCrypto.SIGNATURE_LENGTH) {
            throw new NtlmException("NTLM unwrap: token of " + (token == null ? 0 : token.length)
                    + " bytes is shorter than the 16-byte signature");
        }
        return unseal(Arrays.copyOfRange(token, NtlmCrypto.SIGNATURE_LENGTH, token.length),
                Arrays.copyOf(token, NtlmCrypto.SIGNATURE_LENGTH));
    }

    private void checkSignature(byte[] message, byte[] signature) throws NtlmIntegrityException {
        if (signature == null || signature.length != NtlmCrypto.SIGNATURE_LENGTH) {
            throw new NtlmIntegrityException("NTLM signature must be 16 bytes, got "
                    + (signature == null ? 0 : signature.length));
        }
        int expectedSeq = inSeqNum;
        byte[] expected = NtlmCrypto.mac(inHandle, inSigningKey, expectedSeq, message, keyExchange);
        int receivedSeq = (signature[12] & 0xFF) | (signature[13] & 0xFF) << 8 | (signature[14] & 0xFF) << 16
                | (signature[15] & 0xFF) << 24;
        if (receivedSeq != expectedSeq) {
            throw new NtlmIntegrityException("NTLM message has sequence number " + Integer.toUnsignedString(receivedSeq)
                    + ", expected " + Integer.toUnsignedString(expectedSeq)
                    + " (a replayed, reordered or lost message; MS-NLMP §3.4.4.2)");
        }
        if (!NtlmCrypto.equal(expected, signature)) {
            throw new NtlmIntegrityException("NTLM message signature does not match: the message was altered or"
                    + " the keys differ (MS-NLMP §3.4.4.2)");
        }
        inSeqNum++;
    }

    private void requireFlag(NegotiateFlag flag, String operation) throws NtlmException {
        if (!flags.contains(flag)) {
            throw new NtlmException("NTLM " + operation + " is not possible: " + flag + " was not negotiated (flags "
                    + NegotiateFlag.toHex(flags) + ")");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("NTLM session security was closed");
        }
    }

    /** Wipes the keys. */
    @Override
    public void close() {
        closed = true;
        Arrays.fill(outSigningKey, (byte) 0);
        Arrays.fill(inSigningKey, (byte) 0);
        Arrays.fill(outSealingKey, (byte) 0);
        Arrays.fill(inSealingKey, (byte) 0);
        outHandle = null;
        inHandle = null;
    }

    @Override
    public String toString() {
        return "NtlmSessionSecurity[flags=" + NegotiateFlag.toHex(flags) + ", out seq " + outSeqNum + ", in seq "
                + inSeqNum + (closed ? ", closed" : "") + "]";
    }
}
