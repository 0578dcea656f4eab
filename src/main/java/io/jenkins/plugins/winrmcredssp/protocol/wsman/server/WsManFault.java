package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;

/**
 * A WS-Management fault the service answers with (DSP0226 §14, SOAP 1.2 Fault with MS-WSMV §2.2.4.43 WSManFault
 * detail), sent with HTTP 500 as Windows does.
 */
final class WsManFault extends ProtocolException {
    private static final long serialVersionUID = 1L;

    /** ERROR_WSMAN_OPERATION_TIMEDOUT: a Receive found no output within OperationTimeout; clients poll again. */
    static final long OPERATION_TIMEOUT = 2150858793L;
    /** The shell named by the ShellId selector does not exist (any more). */
    static final long SHELL_NOT_FOUND = 2150858843L;
    /** The shell already runs MaxConcurrentCommandsPerShell commands. */
    static final long TOO_MANY_COMMANDS = 2150859174L;
    /** HRESULT_FROM_WIN32(ERROR_DIRECTORY): the WorkingDirectory is not a directory. */
    static final long DIRECTORY_INVALID = 2147942667L;

    private final String code;
    private final String subcode;
    private final Long wsmanCode;

    WsManFault(String code, String subcode, Long wsmanCode, String message) {
        super(message);
        this.code = code;
        this.subcode = subcode;
        this.wsmanCode = wsmanCode;
    }

    static WsManFault operationTimeout() {
        return new WsManFault("s:Receiver", "w:TimedOut", OPERATION_TIMEOUT,
                "The WS-Management service cannot complete the operation within the time specified in OperationTimeout.");
    }

    static WsManFault shellNotFound(String shellId) {
        return new WsManFault("s:Sender", "w:InvalidSelectors", SHELL_NOT_FOUND,
                "The request for the Windows Remote Shell with ShellId " + shellId
                        + " failed because the shell was not found on the server.");
    }

    static WsManFault tooManyCommands(int limit) {
        return new WsManFault("s:Receiver", "w:QuotaLimit", TOO_MANY_COMMANDS,
                "The WS-Management service cannot process the request: the shell already runs the maximum of "
                        + limit + " concurrent commands (MaxConcurrentCommandsPerShell).");
    }

    static WsManFault invalid(String message) {
        return new WsManFault("s:Sender", "w:InvalidParameter", null, message);
    }

    static WsManFault schema(String message) {
        return new WsManFault("s:Sender", "w:SchemaValidationError", null, message);
    }

    /** SOAP Code value, prefixed {@code s:}. */
    String code() {
        return code;
    }

    /** SOAP Subcode value, prefixed {@code w:} (WS-Management namespace). */
    String subcode() {
        return subcode;
    }

    /** The WSManFault Code attribute, or {@code null} when none is sent. */
    Long wsmanCode() {
        return wsmanCode;
    }
}
