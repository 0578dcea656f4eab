package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.ADDRESSING;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.SHELL;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.SOAP;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.WSMAN;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.WSMAN_MICROSOFT;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.XML;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Builds the request envelope of each Windows Remote Shell operation ([MS-WSMV] 3.1.4): one method per operation,
 * all sharing the header of [MS-WSMV] 2.2.4 (To, ReplyTo, Action, MessageID, ResourceURI, MaxEnvelopeSize, Locale,
 * DataLocale, OperationTimeout, SelectorSet, OptionSet). MessageIDs come from an injected supplier.
 */
public final class WsmanRequestBuilder {
    private final WsmanSettings settings;
    private final Supplier<UUID> messageIds;

    public WsmanRequestBuilder(WsmanSettings settings, Supplier<UUID> messageIds) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.messageIds = Objects.requireNonNull(messageIds, "messageIds");
    }

    public WsmanRequestBuilder(WsmanSettings settings) {
        this(settings, UUID::randomUUID);
    }

    public WsmanSettings settings() {
        return settings;
    }

    /** [MS-WSMV] 3.1.4.5: WS-Transfer Create of a cmd shell. */
    public WsmanRequest createShell(ShellOptions options) {
        return envelope(WsmanNamespaces.ACTION_CREATE, null,
                options("WINRS_NOPROFILE", bool(options.noProfile()), "WINRS_CODEPAGE",
                        Integer.toString(options.codepage())),
                xml -> {
                    xml.writeStartElement("rsp", "Shell", SHELL);
                    if (!options.environment().isEmpty()) {
                        xml.writeStartElement("rsp", "Environment", SHELL);
                        for (Map.Entry<String, String> variable : options.environment().entrySet()) {
                            xml.writeStartElement("rsp", "Variable", SHELL);
                            xml.writeAttribute("Name", xmlText("environment variable name", variable.getKey()));
                            xml.writeCharacters(xmlText("environment variable value", variable.getValue()));
                            xml.writeEndElement();
                        }
                        xml.writeEndElement();
                    }
                    if (options.workingDirectory() != null) {
                        text(xml, "WorkingDirectory", options.workingDirectory());
                    }
                    text(xml, "InputStreams", "stdin");
                    text(xml, "OutputStreams", "stdout stderr");
                    xml.writeEndElement();
                });
    }

    /** [MS-WSMV] 3.1.4.11: starts a command in the shell. */
    public WsmanRequest command(String shellId, RemoteCommand command) {
        return envelope(WsmanNamespaces.ACTION_COMMAND, shellId,
                options("WINRS_CONSOLEMODE_STDIN", bool(command.consoleModeStdin()), "WINRS_SKIP_CMD_SHELL",
                        bool(command.skipCmdShell())),
                xml -> {
                    xml.writeStartElement("rsp", "CommandLine", SHELL);
                    text(xml, "Command", command.command());
                    for (String argument : command.arguments()) {
                        text(xml, "Arguments", argument);
                    }
                    xml.writeEndElement();
                });
    }

    /** [MS-WSMV] 3.1.4.12: sends stdin bytes; {@code end} closes the command's stdin. */
    public WsmanRequest send(String shellId, String commandId, byte[] data, int offset, int length, boolean end) {
        Objects.requireNonNull(commandId, "commandId");
        Objects.checkFromIndexSize(offset, length, data.length);
        return envelope(WsmanNamespaces.ACTION_SEND, shellId, Map.of(), xml -> {
            xml.writeStartElement("rsp", "Send", SHELL);
            xml.writeStartElement("rsp", "Stream", SHELL);
            xml.writeAttribute("Name", "stdin");
            xml.writeAttribute("CommandId", commandId);
            if (end) {
                xml.writeAttribute("End", "true");
            }
            xml.writeCharacters(Base64.getEncoder().encodeToString(
                    offset == 0 && length == data.length ? data : Arrays.copyOfRange(data, offset, offset + length)));
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    /**
     * [MS-WSMV] 3.1.4.14: asks for the command's stdout and stderr. WSMAN_CMDSHELL_OPTION_KEEPALIVE keeps the shell
     * from idling out while a long command is polled (as the Ruby WinRM gem and pypsrp send it).
     */
    public WsmanRequest receive(String shellId, String commandId) {
        Objects.requireNonNull(commandId, "commandId");
        return envelope(WsmanNamespaces.ACTION_RECEIVE, shellId, options("WSMAN_CMDSHELL_OPTION_KEEPALIVE", "TRUE"),
                xml -> {
            xml.writeStartElement("rsp", "Receive", SHELL);
            xml.writeStartElement("rsp", "DesiredStream", SHELL);
            xml.writeAttribute("CommandId", commandId);
            xml.writeCharacters("stdout stderr");
            xml.writeEndElement();
            xml.writeEndElement();
        });
    }

    /** [MS-WSMV] 3.1.4.13: sends a signal to a command. */
    public WsmanRequest signal(String shellId, String commandId, SignalCode code) {
        Objects.requireNonNull(commandId, "commandId");
        return envelope(WsmanNamespaces.ACTION_SIGNAL, shellId, Map.of(), xml -> {
            xml.writeStartElement("rsp", "Signal", SHELL);
            xml.writeAttribute("CommandId", commandId);
            text(xml, "Code", code.uri());
            xml.writeEndElement();
        });
    }

    /** [MS-WSMV] 3.1.4.4: WS-Transfer Delete of the shell (empty body). */
    public WsmanRequest deleteShell(String shellId) {
        return envelope(WsmanNamespaces.ACTION_DELETE, shellId, Map.of(), xml -> {
        });
    }

    @FunctionalInterface
    private interface BodyWriter {
        void write(XMLStreamWriter xml) throws XMLStreamException;
    }

    private WsmanRequest envelope(String action, String shellId, Map<String, String> options, BodyWriter body) {
        if (shellId == null && !WsmanNamespaces.ACTION_CREATE.equals(action)) {
            throw new NullPointerException("shellId");
        }
        String messageId = "uuid:" + messageIds.get().toString().toUpperCase(Locale.ROOT);
        // characters, encoded once at the end: the JDK's UTF-8 stream writer hands an OutputStream one byte per call
        StringWriter out = new StringWriter(2048);
        try {
            XMLStreamWriter xml = SecureXml.outputFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("s", "Envelope", SOAP);
            xml.writeNamespace("s", SOAP);
            xml.writeNamespace("a", ADDRESSING);
            xml.writeNamespace("w", WSMAN);
            xml.writeNamespace("p", WSMAN_MICROSOFT);
            xml.writeNamespace("rsp", SHELL);
            xml.writeStartElement("s", "Header", SOAP);
            header(xml, "a", ADDRESSING, "To", settings.endpoint(), null);
            xml.writeStartElement("a", "ReplyTo", ADDRESSING);
            header(xml, "a", ADDRESSING, "Address", WsmanNamespaces.ANONYMOUS_REPLY_TO, "true");
            xml.writeEndElement();
            header(xml, "a", ADDRESSING, "Action", action, "true");
            header(xml, "a", ADDRESSING, "MessageID", messageId, null);
            header(xml, "w", WSMAN, "ResourceURI", WsmanNamespaces.RESOURCE_CMD_SHELL, "true");
            header(xml, "w", WSMAN, "MaxEnvelopeSize", Integer.toString(settings.maxEnvelopeSize()), "true");
            locale(xml, "w", WSMAN, "Locale");
            locale(xml, "p", WSMAN_MICROSOFT, "DataLocale");
            header(xml, "w", WSMAN, "OperationTimeout", settings.operationTimeoutText(), null);
            if (shellId != null) {
                xml.writeStartElement("w", "SelectorSet", WSMAN);
                xml.writeStartElement("w", "Selector", WSMAN);
                xml.writeAttribute("Name", "ShellId");
                xml.writeCharacters(shellId);
                xml.writeEndElement();
                xml.writeEndElement();
            }
            if (!options.isEmpty()) {
                xml.writeStartElement("w", "OptionSet", WSMAN);
                for (Map.Entry<String, String> option : options.entrySet()) {
                    xml.writeStartElement("w", "Option", WSMAN);
                    xml.writeAttribute("Name", option.getKey());
                    xml.writeCharacters(option.getValue());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeStartElement("s", "Body", SOAP);
            body.write(xml);
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write a SOAP envelope in memory", e);
        }
        return new WsmanRequest(action, messageId, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void header(XMLStreamWriter xml, String prefix, String namespace, String name, String value,
            String mustUnderstand) throws XMLStreamException {
        xml.writeStartElement(prefix, name, namespace);
        if (mustUnderstand != null) {
            xml.writeAttribute("s", SOAP, "mustUnderstand", mustUnderstand);
        }
        xml.writeCharacters(value);
        xml.writeEndElement();
    }

    private void locale(XMLStreamWriter xml, String prefix, String namespace, String name) throws XMLStreamException {
        xml.writeEmptyElement(prefix, name, namespace);
        xml.writeAttribute("xml", XML, "lang", settings.locale());
        xml.writeAttribute("s", SOAP, "mustUnderstand", "false");
    }

    private static void text(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement("rsp", name, SHELL);
        xml.writeCharacters(xmlText(name, value));
        xml.writeEndElement();
    }

    private static Map<String, String> options(String... namesAndValues) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            options.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return options;
    }

    /** XML 1.0 cannot carry most control characters, not even escaped: refuse them rather than send broken XML. */
    static String xmlText(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                throw new IllegalArgumentException(what + " contains the control character U+"
                        + String.format("%04X", (int) c) + ", which XML 1.0 cannot carry");
            }
        }
        return value;
    }

    private static String bool(boolean value) {
        return value ? "TRUE" : "FALSE";
    }
}
