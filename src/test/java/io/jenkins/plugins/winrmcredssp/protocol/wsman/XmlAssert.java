package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.ByteArrayInputStream;
import java.util.Iterator;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Parses an envelope (namespace-aware DOM) and evaluates XPath with the WS-Management prefixes. */
final class XmlAssert {
    private static final Map<String, String> PREFIXES = Map.of(
            "s", WsmanNamespaces.SOAP, "a", WsmanNamespaces.ADDRESSING, "w", WsmanNamespaces.WSMAN,
            "p", WsmanNamespaces.WSMAN_MICROSOFT, "rsp", WsmanNamespaces.SHELL, "xml", XMLConstants.XML_NS_URI);

    private final Document document;
    private final XPath xpath;

    private XmlAssert(Document document) {
        this.document = document;
        this.xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return PREFIXES.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
            }

            @Override
            public String getPrefix(String namespaceUri) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Iterator<String> getPrefixes(String namespaceUri) {
                throw new UnsupportedOperationException();
            }
        });
    }

    static XmlAssert parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return new XmlAssert(factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e, e);
        }
    }

    String text(String expression) {
        try {
            return (String) xpath.evaluate(expression, document, XPathConstants.STRING);
        } catch (Exception e) {
            throw new AssertionError(expression, e);
        }
    }

    int count(String expression) {
        try {
            return ((NodeList) xpath.evaluate(expression, document, XPathConstants.NODESET)).getLength();
        } catch (Exception e) {
            throw new AssertionError(expression, e);
        }
    }
}
