package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;

/** An NTLM (MS-NLMP) exchange or message protection failed; the message names the stage and the reason. */
public class NtlmException extends ProtocolException {
    private static final long serialVersionUID = 1L;

    public NtlmException(String message) {
        super(message);
    }

    public NtlmException(String message, Throwable cause) {
        super(message, cause);
    }
}
