package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.SHELL;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.WSMAN;

import java.io.IOException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the ShellId from a Create response ([MS-WSMV] 3.1.4.5): the {@code Selector Name="ShellId"} of
 * {@code ResourceCreated/ReferenceParameters/SelectorSet}, or {@code Shell/ShellId} when the server returns the shell.
 */
public final class CreateShellResponse {
    private CreateShellResponse() {
    }

    public static String shellId(byte[] xml, WsmanRequest request) throws IOException {
        String what = "WS-Management Create response";
        String[] found = new String[1];
        SoapResponse.parse(xml, request, reader -> findShellId(reader, found, what));
        if (found[0] == null || found[0].isBlank()) {
            throw new MalformedSoapException(what + ": no ShellId in the response");
        }
        return found[0].strip();
    }

    /** Searches the body element for the ShellId, iteratively (no recursion on hostile nesting). */
    private static void findShellId(XMLStreamReader reader, String[] found, String what) throws MalformedSoapException {
        int depth = 1;
        while (depth > 0) {
            int event = SecureXml.next(reader, what);
            if (event == XMLStreamConstants.START_ELEMENT) {
                boolean shellId = SoapResponse.isElement(reader, WSMAN, "Selector")
                        && "ShellId".equals(reader.getAttributeValue(null, "Name"))
                        || SoapResponse.isElement(reader, SHELL, "ShellId");
                if (shellId) {
                    String id = SoapResponse.text(reader, what);
                    if (found[0] == null) {
                        found[0] = id;
                    }
                } else {
                    depth++;
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedSoapException(what + ": truncated document");
            }
        }
    }
}
