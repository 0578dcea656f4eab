package io.jenkins.plugins.winrmcredssp.protocol.codec;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;

/** A token or message could not be decoded: truncated, out-of-range offset or length, wrong tag, trailing bytes... */
public class MalformedTokenException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public MalformedTokenException(String message) {
        super(message);
    }

    public MalformedTokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
