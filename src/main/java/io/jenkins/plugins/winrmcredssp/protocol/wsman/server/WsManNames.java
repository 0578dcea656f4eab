package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces;

/** URIs only a WS-Management service sends; the shared ones are in {@link WsmanNamespaces}. */
final class WsManNames {
    /** wsa:Action of a WS-Management fault (DSP0226 §14.5). */
    static final String ACTION_FAULT = "http://schemas.dmtf.org/wbem/wsman/1/wsman/fault";
    /** CommandState of a command still running (MS-WSMV §2.2.4.7). */
    static final String STATE_RUNNING = WsmanNamespaces.SHELL + "/CommandState/Running";

    private WsManNames() {
    }
}
