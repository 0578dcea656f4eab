package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.SHELL;

import java.io.IOException;

/** Reads the CommandId from a Command response ({@code CommandResponse/CommandId}, [MS-WSMV] 3.1.4.11). */
public final class CommandResponse {
    private CommandResponse() {
    }

    public static String commandId(byte[] xml, WsmanRequest request) throws IOException {
        String what = "WS-Management Command response";
        String[] found = new String[1];
        SoapResponse.parse(xml, request, reader -> {
            if (!SoapResponse.isElement(reader, SHELL, "CommandResponse")) {
                SoapResponse.skip(reader, what);
                return;
            }
            while (SoapResponse.nextChild(reader, what)) {
                if (SoapResponse.isElement(reader, SHELL, "CommandId") && found[0] == null) {
                    found[0] = SoapResponse.text(reader, what).strip();
                } else {
                    SoapResponse.skip(reader, what);
                }
            }
        });
        if (found[0] == null || found[0].isEmpty()) {
            throw new MalformedSoapException(what + ": no CommandResponse/CommandId in the response");
        }
        return found[0];
    }
}
