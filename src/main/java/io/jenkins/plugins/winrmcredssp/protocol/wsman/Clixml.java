package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** Text of CLIXML strings ([MS-PSRP] 2.2.5.1.1 String, with PowerShell's {@code _xHHHH_} escaping). */
final class Clixml {
    private static final XMLInputFactory XML = newFactory();

    private Clixml() {
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** The readable text of a top-level {@code <S S="...">} string, or null for objects that are not shown. */
    static String readableText(String element) throws XMLStreamException {
        XMLStreamReader reader;
        synchronized (XML) {
            reader = XML.createXMLStreamReader(new ByteArrayInputStream(element.getBytes(StandardCharsets.UTF_8)),
                    "UTF-8");
        }
        try {
            while (reader.next() != XMLStreamConstants.START_ELEMENT) {
                if (reader.getEventType() == XMLStreamConstants.DTD) {
                    throw new XMLStreamException("DTD in CLIXML");
                }
            }
            if (!"S".equals(reader.getLocalName())) {
                return null;
            }
            String stream = reader.getAttributeValue(null, "S");
            String text = decodeEscapes(reader.getElementText());
            String prefix = stream == null ? "" : switch (stream.toLowerCase(Locale.ROOT)) {
                case "warning" -> "WARNING: ";
                case "verbose" -> "VERBOSE: ";
                case "debug" -> "DEBUG: ";
                default -> "";
            };
            return prefix + text;
        } finally {
            reader.close();
        }
    }

    /** Reverses PowerShell's {@code _xHHHH_} escaping of characters XML cannot carry (and of '_' before 'x'). */
    static String decodeEscapes(String text) {
        StringBuilder decoded = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (i + 7 <= text.length() && text.charAt(i) == '_' && text.charAt(i + 1) == 'x' && text.charAt(i + 6) == '_'
                    && isHex(text, i + 2, i + 6)) {
                decoded.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 7;
            } else {
                decoded.append(text.charAt(i++));
            }
        }
        return decoded.toString();
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
