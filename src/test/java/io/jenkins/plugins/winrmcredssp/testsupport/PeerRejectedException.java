package io.jenkins.plugins.winrmcredssp.testsupport;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;

/**
 * An independent peer answered a request with a refusal (a failed authentication, a token it could not verify, an
 * operation it does not offer). A peer that hangs or dies is reported differently (as an
 * {@link java.io.UncheckedIOException}), so a test expecting a refusal cannot pass on a broken harness.
 */
public final class PeerRejectedException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    private final String peerMessage;

    public PeerRejectedException(String peer, String request, String peerMessage) {
        super(peer + " refused " + request + ": " + peerMessage);
        this.peerMessage = peerMessage;
    }

    /** The peer's own description of the failure, e.g. a GSS major/minor status. */
    public String peerMessage() {
        return peerMessage;
    }
}
