package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

/** Namespaces, actions and URIs of WS-Management (DSP0226) and the Windows shell (MS-WSMV §2.2.4). */
final class WsManNames {
    static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    static final String ADDRESSING = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    static final String MS_WSMAN = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";
    static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String WSMAN_FAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";

    static final String ANONYMOUS = ADDRESSING + "/role/anonymous";
    static final String CMD_RESOURCE_URI = SHELL + "/cmd";

    static final String ACTION_CREATE = TRANSFER + "/Create";
    static final String ACTION_DELETE = TRANSFER + "/Delete";
    static final String ACTION_COMMAND = SHELL + "/Command";
    static final String ACTION_SEND = SHELL + "/Send";
    static final String ACTION_RECEIVE = SHELL + "/Receive";
    static final String ACTION_SIGNAL = SHELL + "/Signal";
    static final String ACTION_FAULT = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";

    static final String SIGNAL_TERMINATE = SHELL + "/signal/terminate";
    static final String SIGNAL_CTRL_C = SHELL + "/signal/ctrl_c";
    static final String SIGNAL_CTRL_BREAK = SHELL + "/signal/ctrl_break";

    static final String STATE_RUNNING = SHELL + "/CommandState/Running";
    static final String STATE_DONE = SHELL + "/CommandState/Done";

    private WsManNames() {
    }
}
