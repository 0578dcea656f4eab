package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.ByteArrayInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * StAX factories for untrusted SOAP: namespace-aware, no DTD, no external entities, no entity expansion. A document
 * carrying a DOCTYPE is rejected outright.
 */
final class SecureXml {
    private static final XMLInputFactory INPUT = newInputFactory();
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private SecureXml() {
    }

    private static XMLInputFactory newInputFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    static XMLOutputFactory outputFactory() {
        return OUTPUT;
    }

    /** A reader over {@code xml}; {@link #next(XMLStreamReader, String)} must be used to advance it. */
    static XMLStreamReader reader(byte[] xml, String what) throws MalformedSoapException {
        try {
            synchronized (INPUT) {
                return INPUT.createXMLStreamReader(new ByteArrayInputStream(xml));
            }
        } catch (XMLStreamException e) {
            throw new MalformedSoapException(what + ": not XML (" + e.getMessage() + ")", e);
        }
    }

    /** Advances, refusing DTDs and unresolved entity references, and wrapping parse errors. */
    static int next(XMLStreamReader reader, String what) throws MalformedSoapException {
        try {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new MalformedSoapException(what + ": DTDs and entity references are not allowed in SOAP");
            }
            return event;
        } catch (XMLStreamException | RuntimeException e) {
            throw new MalformedSoapException(what + ": malformed XML (" + e.getMessage() + ")", e);
        }
    }

    /** Text content of the current element, which must hold no child elements. */
    static String elementText(XMLStreamReader reader, String what) throws MalformedSoapException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int event = next(reader, what);
            switch (event) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(reader.getText());
                case XMLStreamConstants.END_ELEMENT -> {
                    return text.toString();
                }
                case XMLStreamConstants.START_ELEMENT -> throw new MalformedSoapException(
                        what + ": unexpected element " + reader.getName() + " inside a text element");
                case XMLStreamConstants.END_DOCUMENT -> throw new MalformedSoapException(what + ": truncated document");
                default -> {
                    // comments and processing instructions carry no content
                }
            }
        }
    }

    /** All text inside the current element, child elements included; the reader ends on its END_ELEMENT. */
    static String deepText(XMLStreamReader reader, String what) throws MalformedSoapException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = next(reader, what);
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> depth++;
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        text.append(reader.getText());
                case XMLStreamConstants.END_DOCUMENT -> throw new MalformedSoapException(what + ": truncated document");
                default -> {
                    // comments and processing instructions carry no content
                }
            }
        }
        return text.toString();
    }

    /** Skips the current element and everything inside it; the reader ends on its END_ELEMENT. */
    static void skipElement(XMLStreamReader reader, String what) throws MalformedSoapException {
        int depth = 1;
        while (depth > 0) {
            int event = next(reader, what);
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.END_DOCUMENT) {
                throw new MalformedSoapException(what + ": truncated document");
            }
        }
    }
}
