package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.ADDRESSING;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.SOAP;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.WSMAN_FAULT;

import java.io.IOException;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks a SOAP 1.2 response envelope: checks that it answers the request ({@code RelatesTo}), turns a {@code Fault}
 * into a {@link WsmanFaultException} ([MS-WSMV] 3.1.4.1.34; the Windows error code is taken from
 * {@code Detail/WSManFault/@Code}, else from {@code Detail/MSFT_WmiError/error_Code}) and hands every other child of {@code Body} to the
 * operation's parser, one element at a time, so large responses never need a tree in memory.
 */
public final class SoapResponse {
    /** CIM error detail some faults carry instead of WSManFault (e.g. too many commands per shell). */
    static final String WMI_ERROR = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/MSFT_WmiError";

    /**
     * Consumes one child element of {@code Body}; called on its START_ELEMENT, must return on its END_ELEMENT.
     * Helpers for it: {@link #nextChild}, {@link #isElement}, {@link #text}, {@link #skip}.
     */
    @FunctionalInterface
    public interface BodyElementHandler {
        void element(XMLStreamReader reader) throws IOException;
    }

    private SoapResponse() {
    }

    /**
     * @param xml        the response envelope
     * @param request    the request it answers (for RelatesTo and error messages)
     * @param handler    receives each child of {@code Body} that is not a fault
     * @throws WsmanFaultException    the body is a SOAP fault
     * @throws MalformedSoapException not a SOAP 1.2 envelope, truncated, or answering another request
     * @throws IOException            whatever the handler throws
     */
    public static void parse(byte[] xml, WsmanRequest request, BodyElementHandler handler) throws IOException {
        String what = "WS-Management response to " + request.operation();
        XMLStreamReader reader = SecureXml.reader(xml, what);
        try {
            toStartElement(reader, what);
            expect(reader, SOAP, "Envelope", what);
            boolean sawBody = false;
            while (nextChild(reader, what)) {
                if (isElement(reader, SOAP, "Header")) {
                    readHeader(reader, request, what);
                } else if (isElement(reader, SOAP, "Body")) {
                    readBody(reader, request, handler, what);
                    sawBody = true;
                } else {
                    SecureXml.skipElement(reader, what);
                }
            }
            if (!sawBody) {
                throw new MalformedSoapException(what + ": the envelope has no Body");
            }
        } finally {
            try {
                reader.close();
            } catch (javax.xml.stream.XMLStreamException ignored) {
                // nothing held open: the input is a byte array
            }
        }
    }

    /** For Send, Signal and Delete, whose answers carry nothing but a possible fault. */
    public static void checkNoFault(byte[] xml, WsmanRequest request) throws IOException {
        parse(xml, request, reader -> SecureXml.skipElement(reader, "response to " + request.operation()));
    }

    private static void toStartElement(XMLStreamReader reader, String what) throws MalformedSoapException {
        int event = reader.getEventType();
        while (event != XMLStreamConstants.START_ELEMENT) {
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedSoapException(what + ": empty document");
            }
            event = SecureXml.next(reader, what);
        }
    }

    /**
     * Advances to the next child START_ELEMENT of the current element; returns false on the parent's END_ELEMENT.
     * Text between elements is ignored.
     */
    public static boolean nextChild(XMLStreamReader reader, String what) throws MalformedSoapException {
        while (true) {
            int event = SecureXml.next(reader, what);
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
            if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedSoapException(what + ": truncated document");
            }
        }
    }

    public static boolean isElement(XMLStreamReader reader, String namespace, String localName) {
        return namespace.equals(reader.getNamespaceURI()) && localName.equals(reader.getLocalName());
    }

    /** Text of the current element (which must have no child elements); ends on its END_ELEMENT. */
    public static String text(XMLStreamReader reader, String what) throws MalformedSoapException {
        return SecureXml.elementText(reader, what);
    }

    /** Skips the current element; ends on its END_ELEMENT. */
    public static void skip(XMLStreamReader reader, String what) throws MalformedSoapException {
        SecureXml.skipElement(reader, what);
    }

    private static void expect(XMLStreamReader reader, String namespace, String localName, String what)
            throws MalformedSoapException {
        if (!isElement(reader, namespace, localName)) {
            throw new MalformedSoapException(what + ": expected {" + namespace + "}" + localName + " but found "
                    + reader.getName());
        }
    }

    private static void readHeader(XMLStreamReader reader, WsmanRequest request, String what) throws WsmanException {
        while (nextChild(reader, what)) {
            if (isElement(reader, ADDRESSING, "RelatesTo")) {
                String relatesTo = SecureXml.elementText(reader, what).strip();
                if (!relatesTo.equalsIgnoreCase(request.messageId())) {
                    throw new MalformedSoapException(what + ": RelatesTo " + relatesTo + " does not match MessageID "
                            + request.messageId() + " (a response to another request)");
                }
            } else {
                SecureXml.skipElement(reader, what);
            }
        }
    }

    private static void readBody(XMLStreamReader reader, WsmanRequest request, BodyElementHandler handler, String what)
            throws IOException {
        while (nextChild(reader, what)) {
            if (isElement(reader, SOAP, "Fault")) {
                throw readFault(reader, request, what);
            }
            handler.element(reader);
            if (reader.getEventType() != XMLStreamConstants.END_ELEMENT) {
                throw new IllegalStateException("body handler did not consume its element");
            }
        }
    }

    private static WsmanFaultException readFault(XMLStreamReader reader, WsmanRequest request, String what)
            throws MalformedSoapException {
        String code = null;
        String subcode = null;
        String reason = null;
        Long wsmanCode = null;
        String wsmanMessage = null;
        String machine = null;
        Long wmiCode = null;
        String wmiMessage = null;
        while (nextChild(reader, what)) {
            if (isElement(reader, SOAP, "Code")) {
                while (nextChild(reader, what)) {
                    if (isElement(reader, SOAP, "Value")) {
                        code = SecureXml.elementText(reader, what).strip();
                    } else if (isElement(reader, SOAP, "Subcode")) {
                        while (nextChild(reader, what)) {
                            if (isElement(reader, SOAP, "Value") && subcode == null) {
                                subcode = SecureXml.elementText(reader, what).strip();
                            } else {
                                SecureXml.skipElement(reader, what);
                            }
                        }
                    } else {
                        SecureXml.skipElement(reader, what);
                    }
                }
            } else if (isElement(reader, SOAP, "Reason")) {
                while (nextChild(reader, what)) {
                    if (isElement(reader, SOAP, "Text") && reason == null) {
                        reason = SecureXml.elementText(reader, what).strip();
                    } else {
                        SecureXml.skipElement(reader, what);
                    }
                }
            } else if (isElement(reader, SOAP, "Detail")) {
                while (nextChild(reader, what)) {
                    if (isElement(reader, WSMAN_FAULT, "WSManFault")) {
                        wsmanCode = parseCode(reader.getAttributeValue(null, "Code"));
                        machine = reader.getAttributeValue(null, "Machine");
                        while (nextChild(reader, what)) {
                            if (isElement(reader, WSMAN_FAULT, "Message") && wsmanMessage == null) {
                                wsmanMessage = SecureXml.deepText(reader, what).strip();
                            } else {
                                SecureXml.skipElement(reader, what);
                            }
                        }
                    } else if (WMI_ERROR.equals(reader.getNamespaceURI())
                            && "MSFT_WmiError".equals(reader.getLocalName())) {
                        while (nextChild(reader, what)) {
                            if ("error_Code".equals(reader.getLocalName()) && wmiCode == null) {
                                wmiCode = parseCode(SecureXml.deepText(reader, what));
                            } else if ("Message".equals(reader.getLocalName()) && wmiMessage == null) {
                                wmiMessage = SecureXml.deepText(reader, what).strip();
                            } else {
                                SecureXml.skipElement(reader, what);
                            }
                        }
                    } else {
                        SecureXml.skipElement(reader, what);
                    }
                }
            } else {
                SecureXml.skipElement(reader, what);
            }
        }
        if (wsmanCode == null) {
            wsmanCode = wmiCode;
        }
        if (wsmanMessage == null || wsmanMessage.isEmpty()) {
            wsmanMessage = wmiMessage;
        }
        String message = wsmanMessage != null && !wsmanMessage.isEmpty() ? wsmanMessage : reason;
        return new WsmanFaultException(request.action(), code == null ? "(none)" : code, subcode, wsmanCode, message,
                machine);
    }

    private static Long parseCode(String code) {
        if (code == null) {
            return null;
        }
        try {
            return Long.parseLong(code.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
