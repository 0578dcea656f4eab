package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

/**
 * A scripted WinRM service behind {@link WsmanTransport}: it parses each request, records it, and answers like
 * Windows does (RelatesTo = the request's MessageID). Receive answers come from a {@link ReceiveScript}.
 */
final class FakeWinRm implements WsmanTransport {
    static final String SHELL_ID = "5A9B2C66-0000-4000-8000-0000000000AA";

    /** Produces the Receive answer for the n-th Receive (0-based) of a command. */
    @FunctionalInterface
    interface ReceiveScript {
        byte[] answer(String relatesTo, String commandId, int receiveIndex) throws IOException;
    }

    /** One exchange as the server saw it. */
    record Exchange(String action, XmlAssert xml, boolean threadInterrupted) {
        String operation() {
            return action.substring(action.lastIndexOf('/') + 1);
        }
    }

    final List<Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
    private ReceiveScript receiveScript = (relatesTo, commandId, index) -> receiveResponse(relatesTo, commandId,
            "", "", 0);
    private IOException failDelete;
    private int commands;
    private int receives;

    FakeWinRm onReceive(ReceiveScript script) {
        this.receiveScript = script;
        return this;
    }

    FakeWinRm failDeleteWith(IOException failure) {
        this.failDelete = failure;
        return this;
    }

    List<String> operations() {
        synchronized (exchanges) {
            return exchanges.stream().map(Exchange::operation).toList();
        }
    }

    List<Exchange> of(String operation) {
        synchronized (exchanges) {
            return exchanges.stream().filter(e -> e.operation().equals(operation)).toList();
        }
    }

    @Override
    public byte[] exchange(byte[] soapRequest) throws IOException {
        XmlAssert xml = XmlAssert.parse(soapRequest);
        String action = xml.text("/s:Envelope/s:Header/a:Action");
        String messageId = xml.text("/s:Envelope/s:Header/a:MessageID");
        exchanges.add(new Exchange(action, xml, Thread.currentThread().isInterrupted()));
        if (!action.equals(WsmanNamespaces.ACTION_CREATE)
                && !SHELL_ID.equals(xml.text("//w:SelectorSet/w:Selector[@Name='ShellId']"))) {
            throw new AssertionError("request without the ShellId selector: " + action);
        }
        switch (action.substring(action.lastIndexOf('/') + 1)) {
            case "Create":
                return envelope(messageId, "<x:ResourceCreated xmlns:x=\"" + WsmanNamespaces.TRANSFER + "\">"
                        + "<a:ReferenceParameters><w:SelectorSet><w:Selector Name=\"ShellId\">" + SHELL_ID
                        + "</w:Selector></w:SelectorSet></a:ReferenceParameters></x:ResourceCreated>");
            case "Command":
                commands++;
                receives = 0;
                return envelope(messageId, "<rsp:CommandResponse><rsp:CommandId>" + commandId(commands)
                        + "</rsp:CommandId></rsp:CommandResponse>");
            case "Receive":
                String commandId = xml.text("//rsp:DesiredStream/@CommandId");
                if (!commandId.equals(commandId(commands))) {
                    throw new AssertionError("Receive for " + commandId + " while " + commandId(commands) + " runs");
                }
                return receiveScript.answer(messageId, commandId, receives++);
            case "Delete":
                if (failDelete != null) {
                    throw failDelete;
                }
                return envelope(messageId, "");
            case "Send":
            case "Signal":
                return envelope(messageId, "<rsp:" + action.substring(action.lastIndexOf('/') + 1) + "Response/>");
            default:
                throw new AssertionError("unexpected action " + action);
        }
    }

    static String commandId(int n) {
        return String.format("C0000000-0000-4000-8000-%012d", n);
    }

    static byte[] envelope(String relatesTo, String body) {
        return ("<s:Envelope xml:lang=\"en-US\" xmlns:s=\"" + WsmanNamespaces.SOAP + "\" xmlns:a=\""
                + WsmanNamespaces.ADDRESSING + "\" xmlns:w=\"" + WsmanNamespaces.WSMAN + "\" xmlns:rsp=\""
                + WsmanNamespaces.SHELL + "\"><s:Header><a:Action>response</a:Action><a:RelatesTo>" + relatesTo
                + "</a:RelatesTo></s:Header><s:Body>" + body + "</s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A Receive answer; {@code exitCode} null means still running. */
    static byte[] receiveResponse(String relatesTo, String commandId, String stdout, String stderr, Integer exitCode) {
        return receiveResponse(relatesTo, commandId, stdout.getBytes(StandardCharsets.UTF_8),
                stderr.getBytes(StandardCharsets.UTF_8), exitCode);
    }

    static byte[] receiveResponse(String relatesTo, String commandId, byte[] stdout, byte[] stderr, Integer exitCode) {
        StringBuilder body = new StringBuilder("<rsp:ReceiveResponse>");
        if (stdout.length > 0) {
            body.append("<rsp:Stream Name=\"stdout\" CommandId=\"").append(commandId).append("\">")
                    .append(Base64.getEncoder().encodeToString(stdout)).append("</rsp:Stream>");
        }
        if (stderr.length > 0) {
            body.append("<rsp:Stream Name=\"stderr\" CommandId=\"").append(commandId).append("\">")
                    .append(Base64.getEncoder().encodeToString(stderr)).append("</rsp:Stream>");
        }
        if (exitCode != null) {
            body.append("<rsp:Stream Name=\"stdout\" CommandId=\"").append(commandId).append("\" End=\"true\"/>")
                    .append("<rsp:CommandState CommandId=\"").append(commandId).append("\" State=\"")
                    .append(WsmanNamespaces.COMMAND_STATE_DONE).append("\"><rsp:ExitCode>").append(exitCode)
                    .append("</rsp:ExitCode></rsp:CommandState>");
        } else {
            body.append("<rsp:CommandState CommandId=\"").append(commandId).append("\" State=\"")
                    .append(WsmanNamespaces.SHELL).append("/CommandState/Running\"/>");
        }
        return envelope(relatesTo, body.append("</rsp:ReceiveResponse>").toString());
    }

    /** A fault as Windows sends it (HTTP 500 body), with the given WSManFault code. */
    static byte[] fault(String relatesTo, String subcode, long wsmanCode, String message) {
        return envelope(relatesTo, "<s:Fault><s:Code><s:Value>s:Receiver</s:Value><s:Subcode><s:Value>" + subcode
                + "</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang=\"en-US\">" + message
                + "</s:Text></s:Reason><s:Detail><f:WSManFault xmlns:f=\"" + WsmanNamespaces.WSMAN_FAULT
                + "\" Code=\"" + wsmanCode + "\" Machine=\"fake\"><f:Message>" + message
                + "</f:Message></f:WSManFault></s:Detail></s:Fault>");
    }

    static byte[] operationTimeout(String relatesTo) {
        return fault(relatesTo, "w:TimedOut", WsmanFaultException.ERROR_WSMAN_OPERATION_TIMEOUT,
                "The WS-Management service cannot complete the operation within the time specified in "
                        + "OperationTimeout.");
    }
}
