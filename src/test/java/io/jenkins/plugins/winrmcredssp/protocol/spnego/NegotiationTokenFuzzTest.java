package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.winrmcredssp.protocol.codec.MalformedTokenException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Corrupted tokens either decode to something or fail with MalformedTokenException: never anything else, never a hang. */
class NegotiationTokenFuzzTest {

    @Test
    void mutatedTokensOnlyFailWithMalformedTokenException() {
        List<byte[]> seeds = List.of(
                NegotiationTokenTest.hex(CapturedTokens.SMB_SERVER_NEG_TOKEN_INIT2),
                NegotiationTokenTest.hex(CapturedTokens.SMB_CLIENT_NTLM_NEG_TOKEN_INIT),
                NegotiationTokenTest.hex(CapturedTokens.SMB_SERVER_NTLM_CHALLENGE),
                NegotiationTokenTest.hex(CapturedTokens.SMB_CLIENT_NTLM_AUTHENTICATE),
                NegotiationTokenTest.hex(CapturedTokens.SMB_SERVER_KERBEROS_AP_REP),
                NegotiationTokenTest.hex(CapturedTokens.NNS_CLIENT_NEG_TOKEN_INIT),
                NegotiationTokenTest.hex(CapturedTokens.NNS_SERVER_ACCEPT_COMPLETED_WITH_MIC),
                new NegTokenInit(List.of("1.2.840.113554.1.2.2"), java.util.Set.of(ContextFlag.MUTUAL), new byte[3],
                        new NegHints("h", new byte[2]), new byte[4]).encode());
        Random random = new Random(4178);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int i = 0; i < 20_000; i++) {
                byte[] token = Mutations.mutate(seeds.get(i % seeds.size()), random);
                try {
                    NegotiationToken decoded = NegotiationToken.decode(token);
                    NegotiationToken.decode(decoded.encode());
                    outcomes[0]++;
                } catch (MalformedTokenException expected) {
                    assertThat(expected.getMessage()).contains("SPNEGO");
                    outcomes[1]++;
                }
            }
        });
        assertThat(outcomes[0]).as("some mutations stay valid").isPositive();
        assertThat(outcomes[1]).as("most mutations are rejected").isGreaterThan(outcomes[0]);
    }
}
