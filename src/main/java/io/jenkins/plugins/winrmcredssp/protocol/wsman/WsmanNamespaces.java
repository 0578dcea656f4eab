package io.jenkins.plugins.winrmcredssp.protocol.wsman;

/** XML namespaces and URIs of WS-Management and the Windows Remote Shell ([MS-WSMV] 2.2.1, 2.2.4.37). */
public final class WsmanNamespaces {
    /** SOAP 1.2 envelope. */
    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    /** WS-Addressing (August 2004), as used by WS-Management 1.0. */
    public static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    /** DMTF WS-Management. */
    public static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    /** Microsoft extensions to WS-Management (DataLocale). */
    public static final String WSMAN_MICROSOFT = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    /** WS-Transfer (Create, Delete). */
    public static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    /** Windows Remote Shell. */
    public static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    /** Detail element of Windows WS-Management faults ([MS-WSMV] 2.2.4.43 WSManFault). */
    public static final String WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";
    /** The reserved {@code xml:} namespace ({@code xml:lang}). */
    public static final String XML = "http://www.w3.org/XML/1998/namespace";

    public static final String ANONYMOUS_REPLY_TO = ADDRESSING + "/role/anonymous";
    /** Resource URI of the cmd.exe shell. */
    public static final String RESOURCE_CMD_SHELL = SHELL + "/cmd";

    public static final String ACTION_CREATE = TRANSFER + "/Create";
    public static final String ACTION_DELETE = TRANSFER + "/Delete";
    public static final String ACTION_COMMAND = SHELL + "/Command";
    public static final String ACTION_SEND = SHELL + "/Send";
    public static final String ACTION_RECEIVE = SHELL + "/Receive";
    public static final String ACTION_SIGNAL = SHELL + "/Signal";

    /** Command state reported by Receive once the process has exited ([MS-WSMV] 2.2.4.7 CommandStateType). */
    public static final String COMMAND_STATE_DONE = SHELL + "/CommandState/Done";

    private WsmanNamespaces() {
    }
}
