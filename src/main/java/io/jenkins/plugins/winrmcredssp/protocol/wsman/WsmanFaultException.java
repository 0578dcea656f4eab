package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.util.OptionalLong;

/**
 * The server answered with a SOAP 1.2 fault ([MS-WSMV] 2.2.4.43, 3.1.4.1.34). Carries the SOAP code and subcode (as
 * the server spelled them, e.g. {@code s:Receiver}, {@code w:TimedOut}), the Windows WS-Management error code from
 * {@code WSManFault/@Code} when present, and the server's own message.
 */
public class WsmanFaultException extends WsmanException {
    private static final long serialVersionUID = 1L;

    /** Receive found no output within OperationTimeout: not an error, poll again ([MS-WSMV] 3.1.4.14). */
    public static final long ERROR_WSMAN_OPERATION_TIMEOUT = 2150858793L;
    /** The ShellId is unknown to the server (shell deleted, timed out or never created): a new shell is needed. */
    public static final long ERROR_WSMAN_SHELL_NOT_FOUND = 2150858843L;
    /** MaxConcurrentCommandsPerShell reached: a new shell is needed. */
    public static final long ERROR_WINRS_MAX_COMMANDS_PER_SHELL = 2150859174L;

    private final String code;
    private final String subcode;
    private final Long wsmanCode;
    private final String serverMessage;
    private final String machine;

    public WsmanFaultException(String action, String code, String subcode, Long wsmanCode, String serverMessage,
            String machine) {
        super(describe(action, code, subcode, wsmanCode, serverMessage, machine));
        this.code = code;
        this.subcode = subcode;
        this.wsmanCode = wsmanCode;
        this.serverMessage = serverMessage;
        this.machine = machine;
    }

    private static String describe(String action, String code, String subcode, Long wsmanCode, String serverMessage,
            String machine) {
        StringBuilder text = new StringBuilder("WS-Management fault");
        if (action != null) {
            text.append(" answering ").append(action.substring(action.lastIndexOf('/') + 1));
        }
        text.append(": ").append(serverMessage == null || serverMessage.isBlank() ? "(no message)" : serverMessage.strip());
        text.append(" [code ").append(code);
        if (subcode != null) {
            text.append(", subcode ").append(subcode);
        }
        if (wsmanCode != null) {
            text.append(", WSManFault ").append(wsmanCode).append(" (0x").append(Long.toHexString(wsmanCode).toUpperCase())
                    .append(')');
        }
        if (machine != null) {
            text.append(", machine ").append(machine);
        }
        text.append(']');
        if (wsmanCode != null && wsmanCode == ERROR_WINRS_MAX_COMMANDS_PER_SHELL) {
            text.append(". The shell reached MaxConcurrentCommandsPerShell: open a new shell, or raise the quota with "
                    + "winrm set winrm/config/winrs @{MaxConcurrentCommandsPerShell=\"...\"}");
        } else if (wsmanCode != null && wsmanCode == ERROR_WSMAN_SHELL_NOT_FOUND) {
            text.append(". The shell no longer exists on the server (deleted or idle-timed out): open a new shell");
        }
        return text.toString();
    }

    /** SOAP {@code Code/Value}, e.g. {@code s:Sender} or {@code s:Receiver}. */
    public String code() {
        return code;
    }

    /** SOAP {@code Code/Subcode/Value}, e.g. {@code w:TimedOut}; {@code null} when absent. */
    public String subcode() {
        return subcode;
    }

    /**
     * The Windows error code: the {@code Code} attribute of {@code WSManFault}, else the {@code error_Code} of an
     * {@code MSFT_WmiError} detail, when present.
     */
    public OptionalLong wsmanCode() {
        return wsmanCode == null ? OptionalLong.empty() : OptionalLong.of(wsmanCode);
    }

    /** The server's message ({@code WSManFault/Message}, else {@code Reason/Text}); may be {@code null}. */
    public String serverMessage() {
        return serverMessage;
    }

    /** {@code WSManFault/@Machine}; may be {@code null}. */
    public String machine() {
        return machine;
    }

    public boolean isOperationTimeout() {
        return wsmanCode != null && wsmanCode == ERROR_WSMAN_OPERATION_TIMEOUT;
    }

    public boolean isShellNotFound() {
        return wsmanCode != null && wsmanCode == ERROR_WSMAN_SHELL_NOT_FOUND;
    }

    public boolean isTooManyCommands() {
        return wsmanCode != null && wsmanCode == ERROR_WINRS_MAX_COMMANDS_PER_SHELL;
    }

    /** Whether the caller should open a new shell and retry (shell gone or full). */
    public boolean needsNewShell() {
        return isShellNotFound() || isTooManyCommands();
    }
}
