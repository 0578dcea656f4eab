package io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianReader;
import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianWriter;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.av.TargetInfo;
import java.util.Arrays;
import java.util.Objects;

/**
 * NTLMv2_CLIENT_CHALLENGE, MS-NLMP §2.2.2.7 — the {@code temp} of §3.3.2:
 *
 * <pre>
 * RespType(1)=1 HiRespType(1)=1 Reserved1(2) Reserved2(4) TimeStamp(8) ChallengeFromClient(8) Reserved3(4) AvPairs
 * </pre>
 * followed, as §3.3.2 builds it, by four zero bytes. The received bytes are kept: NTProofStr covers them exactly.
 */
public final class NtlmV2ClientChallenge {
    private static final String WHAT = "NTLMv2_CLIENT_CHALLENGE";
    public static final int MIN_LENGTH = 28;
    public static final int CLIENT_CHALLENGE_LENGTH = 8;

    private final long timestamp;
    private final byte[] challengeFromClient;
    private final TargetInfo avPairs;
    private final byte[] wire;

    /**
     * @param timestamp FILETIME (100 ns since 1601-01-01 UTC)
     */
    public NtlmV2ClientChallenge(long timestamp, byte[] challengeFromClient, TargetInfo avPairs) {
        if (challengeFromClient.length != CLIENT_CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("ChallengeFromClient must be 8 bytes");
        }
        this.timestamp = timestamp;
        this.challengeFromClient = challengeFromClient.clone();
        this.avPairs = Objects.requireNonNull(avPairs, "avPairs");
        this.wire = new LittleEndianWriter(MIN_LENGTH + 128)
                .writeUInt8(1).writeUInt8(1).writeZeros(6)
                .writeInt64(timestamp).writeBytes(challengeFromClient).writeZeros(4)
                .writeBytes(avPairs.encode()).writeZeros(4)
                .toByteArray();
    }

    private NtlmV2ClientChallenge(long timestamp, byte[] challengeFromClient, TargetInfo avPairs, byte[] wire) {
        this.timestamp = timestamp;
        this.challengeFromClient = challengeFromClient;
        this.avPairs = avPairs;
        this.wire = wire;
    }

    public static NtlmV2ClientChallenge decode(byte[] bytes) throws MalformedTokenException {
        LittleEndianReader in = new LittleEndianReader(bytes, WHAT);
        int respType = in.readUInt8("RespType");
        int hiRespType = in.readUInt8("HiRespType");
        if (respType != 1 || hiRespType != 1) {
            throw new MalformedTokenException(WHAT + ": RespType/HiRespType " + respType + "/" + hiRespType
                    + ", expected 1/1");
        }
        in.readBytes(6, "Reserved1/Reserved2");
        long timestamp = in.readInt64("TimeStamp");
        byte[] challengeFromClient = in.readBytes(CLIENT_CHALLENGE_LENGTH, "ChallengeFromClient");
        in.readBytes(4, "Reserved3");
        TargetInfo avPairs = TargetInfo.decode(in.readBytes(in.remaining(), "AvPairs"), WHAT);
        return new NtlmV2ClientChallenge(timestamp, challengeFromClient, avPairs, bytes.clone());
    }

    public byte[] encode() {
        return wire.clone();
    }

    public long timestamp() {
        return timestamp;
    }

    public byte[] challengeFromClient() {
        return challengeFromClient.clone();
    }

    public TargetInfo avPairs() {
        return avPairs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NtlmV2ClientChallenge other && Arrays.equals(other.wire, wire);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(wire);
    }

    @Override
    public String toString() {
        return "NtlmV2ClientChallenge[timestamp=" + timestamp + ", " + avPairs + "]";
    }
}
