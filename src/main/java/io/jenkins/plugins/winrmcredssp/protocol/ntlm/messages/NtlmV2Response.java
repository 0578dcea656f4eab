package io.jenkins.plugins.winrmcredssp.protocol.ntlm.messages;

import io.jenkins.plugins.winrmcredssp.protocol.codec.LittleEndianReader;
import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;

/**
 * NTLMv2_RESPONSE, MS-NLMP §2.2.2.8: the NtChallengeResponse of NTLMv2, {@code NTProofStr || temp}.
 *
 * @param ntProofStr      Response (16 bytes)
 * @param clientChallenge the NTLMv2_CLIENT_CHALLENGE that follows
 */
public record NtlmV2Response(byte[] ntProofStr, NtlmV2ClientChallenge clientChallenge) {
    public static final int NT_PROOF_STR_LENGTH = 16;

    public NtlmV2Response {
        if (ntProofStr.length != NT_PROOF_STR_LENGTH) {
            throw new IllegalArgumentException("NTProofStr must be 16 bytes");
        }
        ntProofStr = ntProofStr.clone();
    }

    /** Decodes an NtChallengeResponse; anything shorter than an NTLMv2 response (e.g. NTLMv1's 24 bytes) is refused. */
    public static NtlmV2Response decode(byte[] ntChallengeResponse) throws MalformedTokenException {
        if (ntChallengeResponse.length < NT_PROOF_STR_LENGTH + NtlmV2ClientChallenge.MIN_LENGTH) {
            throw new MalformedTokenException("NTLMv2_RESPONSE: NtChallengeResponse of " + ntChallengeResponse.length
                    + " bytes is too short for NTLMv2 (24 bytes means NTLMv1, which is not supported)");
        }
        LittleEndianReader in = new LittleEndianReader(ntChallengeResponse, "NTLMv2_RESPONSE");
        byte[] proof = in.readBytes(NT_PROOF_STR_LENGTH, "Response");
        return new NtlmV2Response(proof, NtlmV2ClientChallenge.decode(in.readBytes(in.remaining(), "ClientChallenge")));
    }

    @Override
    public byte[] ntProofStr() {
        return ntProofStr.clone();
    }
}
