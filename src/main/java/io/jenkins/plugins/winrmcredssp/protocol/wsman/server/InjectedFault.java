package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

/** A failure {@link FaultInjection} makes the service produce instead of its normal answer. */
public enum InjectedFault {
    /** Close the TCP connection without answering. */
    DROP_CONNECTION,
    /** Answer {@code 500 Internal Server Error} with a plain-text body (not a SOAP fault). */
    HTTP_500,
    /**
     * Answer with garbage: at an authentication leg, a 401 whose token is random bytes; for an operation, a 200
     * whose (encrypted when the session encrypts) body is not XML.
     */
    MALFORMED_RESPONSE
}
