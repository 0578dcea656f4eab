package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

/**
 * A signed or sealed message failed verification (MS-NLMP §3.4.4.2, §3.4.6): its checksum does not match, or its
 * sequence number is not the expected one (replayed, reordered or lost message). The security context must not be
 * used afterwards: its RC4 key stream has moved on.
 */
public class NtlmIntegrityException extends NtlmException {
    private static final long serialVersionUID = 1L;

    public NtlmIntegrityException(String message) {
        super(message);
    }
}
