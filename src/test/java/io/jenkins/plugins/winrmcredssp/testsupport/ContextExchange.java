package io.jenkins.plugins.winrmcredssp.testsupport;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;

/** Steps an initiator and an acceptor against each other, ours or a peer's, until both are established. */
public final class ContextExchange {
    private static final int MAX_TOKENS = 12;

    private ContextExchange() {
    }

    /**
     * Runs the token exchange, starting with the initiator's first token.
     *
     * @return the number of tokens that travelled
     * @throws ProtocolException whichever side refused a token first
     * @throws IllegalStateException the exchange ended, or ran past {@value #MAX_TOKENS} tokens, with a side not
     *     established
     */
    public static int establish(SecurityContext initiator, SecurityContext acceptor) throws ProtocolException {
        int tokens = 0;
        byte[] token = initiator.step(null);
        while (token != null) {
            if (++tokens > MAX_TOKENS) {
                throw new IllegalStateException("no end after " + MAX_TOKENS + " tokens");
            }
            SecurityContext receiver = tokens % 2 == 1 ? acceptor : initiator;
            token = receiver.step(token);
        }
        if (!initiator.isEstablished() || !acceptor.isEstablished()) {
            throw new IllegalStateException("the exchange ended after " + tokens + " tokens with initiator "
                    + state(initiator) + " and acceptor " + state(acceptor));
        }
        return tokens;
    }

    private static String state(SecurityContext context) {
        return context.isEstablished() ? "established" : "not established";
    }
}
