package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** WS-Management request envelopes for tests, shaped like pywinrm's (MS-WSMV §3.1.4.1). */
final class SoapRequests {
    static final String CMD = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd";
    static final String SHELL = "http://schemas.microsoft.com/wbem/wsman/1/windows/shell";
    static final String TRANSFER = "http://schemas.xmlsoap.org/ws/2004/09/transfer";

    private SoapRequests() {
    }

    static byte[] envelope(String action, String shellId, String timeout, String body) {
        String selector = shellId == null ? ""
                : "<w:SelectorSet><w:Selector Name=\"ShellId\">" + shellId + "</w:Selector></w:SelectorSet>";
        String xml = """
                <?xml version="1.0" encoding="utf-8"?>
                <env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"
                    xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"
                    xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd"
                    xmlns:rsp="http://schemas.microsoft.com/wbem/wsman/1/windows/shell">
                <env:Header>
                <a:To>http://windows-host:5985/wsman</a:To>
                <a:ReplyTo><a:Address mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>
                <w:MaxEnvelopeSize mustUnderstand="true">153600</w:MaxEnvelopeSize>
                <a:MessageID>uuid:%s</a:MessageID>
                <w:OperationTimeout>%s</w:OperationTimeout>
                <w:ResourceURI mustUnderstand="true">%s</w:ResourceURI>
                <a:Action mustUnderstand="true">%s</a:Action>
                %s
                </env:Header>
                <env:Body>%s</env:Body>
                </env:Envelope>
                """.formatted(UUID.randomUUID(), timeout, CMD, action, selector, body);
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] create(String workingDirectory, String envName, String envValue) {
        String wd = workingDirectory == null ? "" : "<rsp:WorkingDirectory>" + workingDirectory + "</rsp:WorkingDirectory>";
        String env = envName == null ? ""
                : "<rsp:Environment><rsp:Variable Name=\"" + envName + "\">" + envValue + "</rsp:Variable></rsp:Environment>";
        return envelope(TRANSFER + "/Create", null, "PT20S",
                "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams>"
                        + wd + env + "</rsp:Shell>");
    }

    static byte[] command(String shellId, String command) {
        return envelope(SHELL + "/Command", shellId, "PT20S",
                "<rsp:CommandLine><rsp:Command>" + escape(command) + "</rsp:Command></rsp:CommandLine>");
    }

    static byte[] send(String shellId, String commandId, byte[] data, boolean end) {
        return envelope(SHELL + "/Send", shellId, "PT20S",
                "<rsp:Send><rsp:Stream Name=\"stdin\" CommandId=\"" + commandId + "\"" + (end ? " End=\"true\"" : "") + ">"
                        + Base64.getEncoder().encodeToString(data) + "</rsp:Stream></rsp:Send>");
    }

    static byte[] receive(String shellId, String commandId, String timeout) {
        return envelope(SHELL + "/Receive", shellId, timeout,
                "<rsp:Receive><rsp:DesiredStream CommandId=\"" + commandId + "\">stdout stderr</rsp:DesiredStream></rsp:Receive>");
    }

    static byte[] signal(String shellId, String commandId, String code) {
        return envelope(SHELL + "/Signal", shellId, "PT20S",
                "<rsp:Signal CommandId=\"" + commandId + "\"><rsp:Code>" + SHELL + "/signal/" + code + "</rsp:Code></rsp:Signal>");
    }

    static byte[] delete(String shellId) {
        return envelope(TRANSFER + "/Delete", shellId, "PT20S", "");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
