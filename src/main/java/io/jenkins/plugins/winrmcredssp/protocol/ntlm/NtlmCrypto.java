package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages.NtlmV2ClientChallenge;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.StreamCipher;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.digests.MD5Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The NTLMv2 functions of MS-NLMP, named like its pseudocode: §3.3.2 (NTOWFv2, ComputeResponse), §3.4.5 (KXKEY,
 * SIGNKEY, SEALKEY), §3.1.5.1.2 (MIC) and §3.4.4.2 (MAC with extended session security). Pure functions: no state,
 * no randomness, no clock. MD4, MD5, HMAC-MD5 and RC4 come from Bouncy Castle, which has them whatever the JCE
 * providers offer.
 */
public final class NtlmCrypto {
    private static final byte[] CLIENT_SIGNING = magic("session key to client-to-server signing key magic constant");
    private static final byte[] SERVER_SIGNING = magic("session key to server-to-client signing key magic constant");
    private static final byte[] CLIENT_SEALING = magic("session key to client-to-server sealing key magic constant");
    private static final byte[] SERVER_SEALING = magic("session key to server-to-client sealing key magic constant");
    /** FILETIME of 1970-01-01T00:00:00Z. */
    private static final long FILETIME_UNIX_EPOCH = 116_444_736_000_000_000L;
    public static final int SIGNATURE_LENGTH = 16;

    private NtlmCrypto() {
    }

    private static byte[] magic(String text) {
        return (text + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    /** The outputs of ComputeResponse for NTLMv2 (MS-NLMP §3.3.2). */
    public record ResponseV2(byte[] ntChallengeResponse, byte[] lmChallengeResponse, byte[] sessionBaseKey) {
        /** NTProofStr: the first 16 bytes of the NtChallengeResponse. */
        public byte[] ntProofStr() {
            return Arrays.copyOf(ntChallengeResponse, 16);
        }
    }

    public static byte[] md4(byte[] data) {
        return digest(new MD4Digest(), data);
    }

    public static byte[] md5(byte[]... parts) {
        return digest(new MD5Digest(), parts);
    }

    private static byte[] digest(Digest digest, byte[]... parts) {
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    public static byte[] hmacMd5(byte[] key, byte[]... parts) {
        HMac mac = new HMac(new MD5Digest());
        mac.init(new KeyParameter(key));
        for (byte[] part : parts) {
            mac.update(part, 0, part.length);
        }
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    /** RC4Init(key): a fresh RC4 key stream (MS-NLMP §6 "RC4Init"). */
    public static StreamCipher rc4Init(byte[] key) {
        RC4Engine engine = new RC4Engine();
        engine.init(true, new KeyParameter(key));
        return engine;
    }

    /** RC4(handle, data): the next bytes of the key stream XORed with {@code data}. */
    public static byte[] rc4(StreamCipher handle, byte[] data) {
        byte[] out = new byte[data.length];
        handle.processBytes(data, 0, data.length, out, 0);
        return out;
    }

    /** RC4K(key, data): RC4 with a fresh key stream (MS-NLMP §6). */
    public static byte[] rc4k(byte[] key, byte[] data) {
        return rc4(rc4Init(key), data);
    }

    /** The NT hash, MD4(UNICODE(Passwd)) (NTOWFv1 of MS-NLMP §3.3.1); the intermediate UTF-16LE bytes are wiped. */
    public static byte[] ntHash(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_16LE.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        try {
            return md4(bytes);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * NTOWFv2(Passwd, User, UserDom) = HMAC_MD5(MD4(UNICODE(Passwd)), UNICODE(ConcatenationOf(Uppercase(User),
     * UserDom))), MS-NLMP §3.3.2, from the NT hash. LMOWFv2 is the same value.
     */
    public static byte[] ntowfv2(byte[] ntHash, String user, String userDomain) {
        return hmacMd5(ntHash, LittleEndianWriter.utf16le(user.toUpperCase(Locale.ROOT) + userDomain));
    }

    /** NTOWFv2 from the password; the NT hash in between is wiped. */
    public static byte[] ntowfv2(char[] password, String user, String userDomain) {
        byte[] hash = ntHash(password);
        try {
            return ntowfv2(hash, user, userDomain);
        } finally {
            Arrays.fill(hash, (byte) 0);
        }
    }

    /** NTProofStr = HMAC_MD5(ResponseKeyNT, ConcatenationOf(CHALLENGE_MESSAGE.ServerChallenge, temp)), §3.3.2. */
    public static byte[] ntProofStr(byte[] responseKeyNT, byte[] serverChallenge, byte[] temp) {
        return hmacMd5(responseKeyNT, serverChallenge, temp);
    }

    /**
     * ComputeResponse for NTLMv2, MS-NLMP §3.3.2, with ResponseKeyLM = ResponseKeyNT (LMOWFv2 = NTOWFv2).
     *
     * @param temp the NTLMv2_CLIENT_CHALLENGE (its encoding is §3.3.2's {@code temp})
     */
    public static ResponseV2 computeResponse(byte[] responseKeyNT, byte[] serverChallenge,
            NtlmV2ClientChallenge temp) {
        byte[] tempBytes = temp.encode();
        byte[] ntProofStr = ntProofStr(responseKeyNT, serverChallenge, tempBytes);
        byte[] nt = concat(ntProofStr, tempBytes);
        byte[] clientChallenge = temp.challengeFromClient();
        byte[] lm = concat(hmacMd5(responseKeyNT, serverChallenge, clientChallenge), clientChallenge);
        return new ResponseV2(nt, lm, sessionBaseKey(responseKeyNT, ntProofStr));
    }

    /** SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr), §3.3.2. */
    public static byte[] sessionBaseKey(byte[] responseKeyNT, byte[] ntProofStr) {
        return hmacMd5(responseKeyNT, ntProofStr);
    }

    /** KXKEY for NTLMv2 (MS-NLMP §3.4.5.1): the SessionBaseKey itself. */
    public static byte[] kxkey(byte[] sessionBaseKey) {
        return sessionBaseKey.clone();
    }

    /** SIGNKEY with extended session security, MS-NLMP §3.4.5.2. */
    public static byte[] signkey(byte[] exportedSessionKey, boolean clientToServer) {
        return md5(exportedSessionKey, clientToServer ? CLIENT_SIGNING : SERVER_SIGNING);
    }

    /** SEALKEY with extended session security, MS-NLMP §3.4.5.3: 128-, 56- or 40-bit key, then MD5 with the magic. */
    public static byte[] sealkey(Set<NegotiateFlag> flags, byte[] exportedSessionKey, boolean clientToServer) {
        int length = flags.contains(NegotiateFlag.NEGOTIATE_128) ? 16
                : flags.contains(NegotiateFlag.NEGOTIATE_56) ? 7 : 5;
        return md5(Arrays.copyOf(exportedSessionKey, length), clientToServer ? CLIENT_SEALING : SERVER_SEALING);
    }

    /**
     * MIC = HMAC_MD5(ExportedSessionKey, ConcatenationOf(NEGOTIATE_MESSAGE, CHALLENGE_MESSAGE, AUTHENTICATE_MESSAGE))
     * with the AUTHENTICATE_MESSAGE's MIC field zeroed, MS-NLMP §3.1.5.1.2.
     */
    public static byte[] mic(byte[] exportedSessionKey, byte[] negotiate, byte[] challenge,
            byte[] authenticateWithZeroMic) {
        return hmacMd5(exportedSessionKey, negotiate, challenge, authenticateWithZeroMic);
    }

    /**
     * MAC with extended session security, MS-NLMP §3.4.4.2: Version 1, the first 8 bytes of HMAC_MD5(SigningKey,
     * SeqNum || Message), RC4-encrypted with the sealing handle when key exchange was negotiated, then SeqNum.
     */
    public static byte[] mac(StreamCipher handle, byte[] signingKey, int seqNum, byte[] message, boolean keyExchange) {
        byte[] seq = new LittleEndianWriter(4).writeInt32(seqNum).toByteArray();
        byte[] checksum = Arrays.copyOf(hmacMd5(signingKey, seq, message), 8);
        if (keyExchange) {
            checksum = rc4(handle, checksum);
        }
        return new LittleEndianWriter(SIGNATURE_LENGTH).writeInt32(1).writeBytes(checksum).writeBytes(seq)
                .toByteArray();
    }

    /**
     * MD5 of a gss_channel_bindings_struct (RFC 4121 §4.1.1.2) with no addresses and {@code applicationData} (e.g.
     * {@code "tls-server-end-point:" || certificate hash}, RFC 5929): the value of MsvAvChannelBindings.
     */
    public static byte[] channelBindingsHash(byte[] applicationData) {
        byte[] struct = new LittleEndianWriter(20 + applicationData.length).writeZeros(16)
                .writeInt32(applicationData.length).writeBytes(applicationData).toByteArray();
        return md5(struct);
    }

    /** An instant as a FILETIME: 100-nanosecond intervals since 1601-01-01T00:00:00Z. */
    public static long filetime(Instant instant) {
        return FILETIME_UNIX_EPOCH + instant.getEpochSecond() * 10_000_000L + instant.getNano() / 100;
    }

    /** Constant-time comparison. */
    public static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
