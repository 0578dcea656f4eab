package io.jenkins.plugins.winrmcredssp.protocol.spnego;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.ToyMechanism.Shape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Corrupting any token of an exchange makes the receiving context fail with a ProtocolException, nothing else. */
class SpnegoContextFuzzTest {

    private static SpnegoInitiatorContext initiator() {
        return new SpnegoInitiatorContext(List.of(
                new SpnegoCandidate(Mechanism.KERBEROS, () -> ToyMechanism.initiator(Mechanism.KERBEROS, Shape.KERBEROS_LIKE, "s")),
                new SpnegoCandidate(Mechanism.NTLM, () -> ToyMechanism.initiator(Mechanism.NTLM, Shape.NTLM_LIKE, "s"))));
    }

    private static SpnegoAcceptorContext acceptor() {
        return new SpnegoAcceptorContext(Map.of(Mechanism.NTLM, () -> ToyMechanism.acceptor(Mechanism.NTLM, Shape.NTLM_LIKE, "s")));
    }

    @Test
    void corruptedTokensOnlyRaiseProtocolExceptions() {
        List<byte[]> valid = new ArrayList<>();
        try (SpnegoInitiatorContext i = initiator(); SpnegoAcceptorContext a = acceptor()) {
            valid.addAll(SpnegoContextTest.handshake(i, a));
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
        assertThat(valid).hasSize(6);
        Random random = new Random(4178_5);
        int[] failures = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int n = 0; n < 3_000; n++) {
                int corruptAt = n % valid.size();
                try (SpnegoInitiatorContext i = initiator(); SpnegoAcceptorContext a = acceptor()) {
                    i.step(null);
                    for (int leg = 0; leg <= corruptAt; leg++) {
                        SecurityContext receiver = leg % 2 == 0 ? a : i;
                        byte[] token = leg == corruptAt ? Mutations.mutate(valid.get(leg), random) : valid.get(leg);
                        receiver.step(token);
                    }
                } catch (ProtocolException expected) {
                    failures[0]++;
                }
            }
        });
        assertThat(failures[0]).isGreaterThan(2_000);
    }
}
