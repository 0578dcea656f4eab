package io.jenkins.plugins.winrmcredssp.protocol.wsman;

/** A SOAP response was not well-formed XML, or lacked the elements its operation requires. */
public class MalformedSoapException extends WsmanException {
    private static final long serialVersionUID = 1L;

    public MalformedSoapException(String message) {
        super(message);
    }

    public MalformedSoapException(String message, Throwable cause) {
        super(message, cause);
    }
}
