package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.ADDRESSING;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.SOAP;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.WSMAN;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * One WS-Management request envelope (DSP0226 §5, SOAP 1.2), parsed namespace-aware with DTDs and external entities
 * refused. Exposes the addressing and WS-Management headers the shell operations need and the Body's element.
 */
final class WsManRequest {
    private static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(60);

    private final String action;
    private final String messageId;
    private final String resourceUri;
    private final Map<String, String> selectors;
    private final Map<String, String> options;
    private final Duration operationTimeout;
    private final int maxEnvelopeSize;
    private final Element bodyElement;

    private WsManRequest(Element header, Element body) throws WsManFault {
        this.action = text(header, ADDRESSING, "Action").orElseThrow(() -> WsManFault.schema("missing wsa:Action header"));
        this.messageId = text(header, ADDRESSING, "MessageID").orElseThrow(() -> WsManFault.schema("missing wsa:MessageID header"));
        this.resourceUri = text(header, WSMAN, "ResourceURI").orElse("");
        this.selectors = named(header, "SelectorSet", "Selector");
        this.options = named(header, "OptionSet", "Option");
        this.operationTimeout = parseDuration(text(header, WSMAN, "OperationTimeout"));
        this.maxEnvelopeSize = parseSize(text(header, WSMAN, "MaxEnvelopeSize"));
        this.bodyElement = firstElement(body).orElse(null);
    }

    static WsManRequest parse(byte[] xml) throws WsManFault {
        Document document;
        try {
            document = newBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw WsManFault.schema("the request is not well-formed XML: " + e.getMessage());
        }
        Element envelope = document.getDocumentElement();
        if (!SOAP.equals(envelope.getNamespaceURI()) || !"Envelope".equals(envelope.getLocalName())) {
            throw WsManFault.schema("the request is not a SOAP 1.2 Envelope");
        }
        Element header = child(envelope, SOAP, "Header").orElseThrow(() -> WsManFault.schema("missing SOAP Header"));
        Element body = child(envelope, SOAP, "Body").orElseThrow(() -> WsManFault.schema("missing SOAP Body"));
        return new WsManRequest(header, body);
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks secure-processing features", e);
        }
    }

    String action() {
        return action;
    }

    String messageId() {
        return messageId;
    }

    String resourceUri() {
        return resourceUri;
    }

    Optional<String> selector(String name) {
        return Optional.ofNullable(selectors.get(name));
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    Duration operationTimeout() {
        return operationTimeout;
    }

    int maxEnvelopeSize() {
        return maxEnvelopeSize;
    }

    /** The Body's element in the expected namespace and name; a schema fault when it is missing. */
    Element body(String namespace, String localName) throws WsManFault {
        if (bodyElement == null || !namespace.equals(bodyElement.getNamespaceURI())
                || !localName.equals(bodyElement.getLocalName())) {
            throw WsManFault.schema("the Body must hold a " + localName + " element");
        }
        return bodyElement;
    }

    static Optional<Element> child(Element parent, String namespace, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && namespace.equals(n.getNamespaceURI()) && localName.equals(n.getLocalName())) {
                return Optional.of((Element) n);
            }
        }
        return Optional.empty();
    }

    static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && namespace.equals(n.getNamespaceURI()) && localName.equals(n.getLocalName())) {
                out.add((Element) n);
            }
        }
        return out;
    }

    static Optional<String> text(Element parent, String namespace, String localName) {
        return child(parent, namespace, localName).map(e -> e.getTextContent().trim());
    }

    private static Optional<Element> firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return Optional.of((Element) n);
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> named(Element header, String set, String item) {
        Map<String, String> out = new LinkedHashMap<>();
        child(header, WSMAN, set).ifPresent(s -> {
            for (Element e : children(s, WSMAN, item)) {
                out.put(e.getAttribute("Name"), e.getTextContent().trim());
            }
        });
        return out;
    }

    private static Duration parseDuration(Optional<String> value) throws WsManFault {
        if (value.isEmpty()) {
            return DEFAULT_OPERATION_TIMEOUT;
        }
        try {
            Duration d = Duration.parse(value.get());
            if (d.isNegative()) {
                throw WsManFault.invalid("OperationTimeout must not be negative: " + value.get());
            }
            return d;
        } catch (DateTimeParseException e) {
            throw WsManFault.invalid("OperationTimeout is not an xs:duration like PT20S: " + value.get());
        }
    }

    private static int parseSize(Optional<String> value) throws WsManFault {
        if (value.isEmpty()) {
            return 153600;
        }
        try {
            int size = Integer.parseInt(value.get());
            if (size < 8192) {
                throw WsManFault.invalid("MaxEnvelopeSize " + size + " is below the minimum of 8192");
            }
            return size;
        } catch (NumberFormatException e) {
            throw WsManFault.invalid("MaxEnvelopeSize is not a number: " + value.get());
        }
    }
}
