package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.ADDRESSING;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.ANONYMOUS_REPLY_TO;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.SOAP;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.WSMAN;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.WSMAN_FAULT;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces;
import java.io.ByteArrayOutputStream;
import java.util.UUID;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Builds one response envelope as a DOM (addressing headers, then the Body) and serializes it as UTF-8. */
final class SoapWriter {
    private final Document document;
    private final Element header;
    private final Element body;

    /**
     * @param action the response's wsa:Action
     * @param relatesTo the request's wsa:MessageID, or {@code null} when it could not be read
     */
    SoapWriter(String action, String relatesTo) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Element envelope = document.createElementNS(SOAP, "s:Envelope");
        declare(envelope, "s", SOAP);
        declare(envelope, "a", ADDRESSING);
        declare(envelope, "w", WSMAN);
        declare(envelope, "rsp", WsmanNamespaces.SHELL);
        declare(envelope, "x", WsmanNamespaces.TRANSFER);
        document.appendChild(envelope);
        header = append(envelope, SOAP, "s:Header");
        body = append(envelope, SOAP, "s:Body");
        appendText(header, ADDRESSING, "a:To", ANONYMOUS_REPLY_TO);
        appendText(header, ADDRESSING, "a:Action", action);
        appendText(header, ADDRESSING, "a:MessageID", "uuid:" + UUID.randomUUID().toString().toUpperCase());
        if (relatesTo != null) {
            appendText(header, ADDRESSING, "a:RelatesTo", relatesTo);
        }
    }

    /** A fault envelope (SOAP 1.2 §5.4) with the WSManFault detail clients read the code from. */
    static SoapWriter fault(WsManFault fault, String relatesTo) {
        SoapWriter w = new SoapWriter(WsManNames.ACTION_FAULT, relatesTo);
        Element f = w.append(w.body, SOAP, "s:Fault");
        Element code = w.append(f, SOAP, "s:Code");
        w.appendText(code, SOAP, "s:Value", fault.code());
        Element subcode = w.append(code, SOAP, "s:Subcode");
        w.appendText(subcode, SOAP, "s:Value", fault.subcode());
        Element reason = w.append(f, SOAP, "s:Reason");
        Element text = w.appendText(reason, SOAP, "s:Text", fault.getMessage());
        text.setAttributeNS(XMLConstants.XML_NS_URI, "xml:lang", "en-US");
        if (fault.wsmanCode() != null) {
            Element detail = w.append(f, SOAP, "s:Detail");
            Element wsmanFault = w.append(detail, WSMAN_FAULT, "f:WSManFault");
            wsmanFault.setAttribute("Code", Long.toString(fault.wsmanCode()));
            wsmanFault.setAttribute("Machine", "127.0.0.1");
            w.appendText(wsmanFault, WSMAN_FAULT, "f:Message", fault.getMessage());
        }
        return w;
    }

    Element body() {
        return body;
    }

    Element append(Element parent, String namespace, String qualifiedName) {
        Element e = document.createElementNS(namespace, qualifiedName);
        parent.appendChild(e);
        return e;
    }

    Element appendText(Element parent, String namespace, String qualifiedName, String text) {
        Element e = append(parent, namespace, qualifiedName);
        e.setTextContent(text);
        return e;
    }

    byte[] toBytes() {
        try {
            TransformerFactory factory = TransformerFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Transformer transformer = factory.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialize a response envelope", e);
        }
    }

    private static void declare(Element e, String prefix, String namespace) {
        e.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + prefix, namespace);
    }
}
