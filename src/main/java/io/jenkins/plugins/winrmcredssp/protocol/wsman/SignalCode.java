package io.jenkins.plugins.winrmcredssp.protocol.wsman;

/** Signal codes of the Windows Remote Shell ([MS-WSMV] 2.2.4.38 SignalType). */
public enum SignalCode {
    /** Ends the command and releases its resources (also sent after a command completes). */
    TERMINATE("terminate"),
    /** Ctrl+C to the process. */
    CTRL_C("ctrl_c"),
    /** Ctrl+Break to the process. */
    CTRL_BREAK("ctrl_break");

    private final String uri;

    SignalCode(String name) {
        this.uri = WsmanNamespaces.SHELL + "/signal/" + name;
    }

    public String uri() {
        return uri;
    }
}
