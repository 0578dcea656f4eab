package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class WsmanRequestBuilderTest {
    private static final UUID ID = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final String SHELL_ID = "AAAAAAAA-0000-0000-0000-000000000001";
    private static final String COMMAND_ID = "BBBBBBBB-0000-0000-0000-000000000002";

    private final WsmanRequestBuilder builder = new WsmanRequestBuilder(
            new WsmanSettings("http://windows-host:5985/wsman", 153600, "de-DE", Duration.ofSeconds(30)), () -> ID);

    /** [MS-WSMV] 2.2.4: the header every request carries. */
    private static void assertCommonHeader(XmlAssert xml, String action) {
        assertThat(xml.text("/s:Envelope/s:Header/a:To")).isEqualTo("http://windows-host:5985/wsman");
        assertThat(xml.text("/s:Envelope/s:Header/a:ReplyTo/a:Address"))
                .isEqualTo("http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous");
        assertThat(xml.text("/s:Envelope/s:Header/a:ReplyTo/a:Address/@s:mustUnderstand")).isEqualTo("true");
        assertThat(xml.text("/s:Envelope/s:Header/a:Action")).isEqualTo(action);
        assertThat(xml.text("/s:Envelope/s:Header/a:Action/@s:mustUnderstand")).isEqualTo("true");
        assertThat(xml.text("/s:Envelope/s:Header/a:MessageID")).isEqualTo("uuid:11111111-1111-1111-1111-111111111111");
        assertThat(xml.text("/s:Envelope/s:Header/w:ResourceURI"))
                .isEqualTo("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/cmd");
        assertThat(xml.text("/s:Envelope/s:Header/w:ResourceURI/@s:mustUnderstand")).isEqualTo("true");
        assertThat(xml.text("/s:Envelope/s:Header/w:MaxEnvelopeSize")).isEqualTo("153600");
        assertThat(xml.text("/s:Envelope/s:Header/w:MaxEnvelopeSize/@s:mustUnderstand")).isEqualTo("true");
        assertThat(xml.text("/s:Envelope/s:Header/w:Locale/@xml:lang")).isEqualTo("de-DE");
        assertThat(xml.text("/s:Envelope/s:Header/w:Locale/@s:mustUnderstand")).isEqualTo("false");
        assertThat(xml.text("/s:Envelope/s:Header/p:DataLocale/@xml:lang")).isEqualTo("de-DE");
        assertThat(xml.text("/s:Envelope/s:Header/w:OperationTimeout")).isEqualTo("PT30S");
    }

    private static void assertShellSelector(XmlAssert xml) {
        assertThat(xml.count("/s:Envelope/s:Header/w:SelectorSet/w:Selector")).isEqualTo(1);
        assertThat(xml.text("/s:Envelope/s:Header/w:SelectorSet/w:Selector[@Name='ShellId']")).isEqualTo(SHELL_ID);
    }

    @Test
    void createShellCarriesOptionsStreamsWorkingDirectoryAndEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "C:\\tools;%PATH%");
        environment.put("GREETING", "grüße <&> \"quoted\"");
        WsmanRequest request = builder.createShell(ShellOptions.defaults().withWorkingDirectory("C:\\work dir")
                .withEnvironment(environment));

        XmlAssert xml = XmlAssert.parse(request.envelope());
        assertCommonHeader(xml, "http://schemas.xmlsoap.org/ws/2004/09/transfer/Create");
        assertThat(request.messageId()).isEqualTo("uuid:11111111-1111-1111-1111-111111111111");
        assertThat(xml.count("/s:Envelope/s:Header/w:SelectorSet")).isZero();
        assertThat(xml.text("//w:OptionSet/w:Option[@Name='WINRS_NOPROFILE']")).isEqualTo("TRUE");
        assertThat(xml.text("//w:OptionSet/w:Option[@Name='WINRS_CODEPAGE']")).isEqualTo("65001");
        assertThat(xml.text("/s:Envelope/s:Body/rsp:Shell/rsp:InputStreams")).isEqualTo("stdin");
        assertThat(xml.text("/s:Envelope/s:Body/rsp:Shell/rsp:OutputStreams")).isEqualTo("stdout stderr");
        assertThat(xml.text("/s:Envelope/s:Body/rsp:Shell/rsp:WorkingDirectory")).isEqualTo("C:\\work dir");
        assertThat(xml.count("//rsp:Environment/rsp:Variable")).isEqualTo(2);
        assertThat(xml.text("//rsp:Environment/rsp:Variable[@Name='PATH']")).isEqualTo("C:\\tools;%PATH%");
        assertThat(xml.text("//rsp:Environment/rsp:Variable[@Name='GREETING']")).isEqualTo("grüße <&> \"quoted\"");
    }

    @Test
    void createShellWithoutOptionalPartsAndOtherCodepage() {
        XmlAssert xml = XmlAssert.parse(builder.createShell(ShellOptions.defaults().withCodepage(437)
                .withNoProfile(false)).envelope());
        assertThat(xml.text("//w:Option[@Name='WINRS_CODEPAGE']")).isEqualTo("437");
        assertThat(xml.text("//w:Option[@Name='WINRS_NOPROFILE']")).isEqualTo("FALSE");
        assertThat(xml.count("//rsp:WorkingDirectory")).isZero();
        assertThat(xml.count("//rsp:Environment")).isZero();
    }

    @Test
    void commandCarriesCommandLineAndOptions() {
        WsmanRequest request = builder.command(SHELL_ID, new RemoteCommand("cmd.exe", List.of("/c", "echo <hi> & ver"),
                false, true, null));
        XmlAssert xml = XmlAssert.parse(request.envelope());
        assertCommonHeader(xml, "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Command");
        assertShellSelector(xml);
        assertThat(xml.text("//w:Option[@Name='WINRS_CONSOLEMODE_STDIN']")).isEqualTo("FALSE");
        assertThat(xml.text("//w:Option[@Name='WINRS_SKIP_CMD_SHELL']")).isEqualTo("TRUE");
        assertThat(xml.text("/s:Envelope/s:Body/rsp:CommandLine/rsp:Command")).isEqualTo("cmd.exe");
        assertThat(xml.count("/s:Envelope/s:Body/rsp:CommandLine/rsp:Arguments")).isEqualTo(2);
        assertThat(xml.text("/s:Envelope/s:Body/rsp:CommandLine/rsp:Arguments[2]")).isEqualTo("echo <hi> & ver");
    }

    @Test
    void sendCarriesBase64StdinAndEnd() {
        byte[] data = "dir\r\nexit\r\n".getBytes(StandardCharsets.US_ASCII);
        XmlAssert xml = XmlAssert.parse(builder.send(SHELL_ID, COMMAND_ID, data, 5, 6, true).envelope());
        assertCommonHeader(xml, "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Send");
        assertShellSelector(xml);
        assertThat(xml.text("//rsp:Send/rsp:Stream/@Name")).isEqualTo("stdin");
        assertThat(xml.text("//rsp:Send/rsp:Stream/@CommandId")).isEqualTo(COMMAND_ID);
        assertThat(xml.text("//rsp:Send/rsp:Stream/@End")).isEqualTo("true");
        assertThat(Base64.getDecoder().decode(xml.text("//rsp:Send/rsp:Stream"))).asString(StandardCharsets.US_ASCII)
                .isEqualTo("exit\r\n");

        XmlAssert notLast = XmlAssert.parse(builder.send(SHELL_ID, COMMAND_ID, data, 0, 3, false).envelope());
        assertThat(notLast.count("//rsp:Send/rsp:Stream/@End")).isZero();
    }

    @Test
    void receiveAsksForStdoutAndStderrOfTheCommand() {
        XmlAssert xml = XmlAssert.parse(builder.receive(SHELL_ID, COMMAND_ID).envelope());
        assertCommonHeader(xml, "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Receive");
        assertShellSelector(xml);
        assertThat(xml.text("/s:Envelope/s:Body/rsp:Receive/rsp:DesiredStream")).isEqualTo("stdout stderr");
        assertThat(xml.text("/s:Envelope/s:Body/rsp:Receive/rsp:DesiredStream/@CommandId")).isEqualTo(COMMAND_ID);
        assertThat(xml.text("//w:OptionSet/w:Option[@Name='WSMAN_CMDSHELL_OPTION_KEEPALIVE']")).isEqualTo("TRUE");
    }

    @Test
    void signalCarriesTheCodeUri() {
        XmlAssert terminate = XmlAssert.parse(builder.signal(SHELL_ID, COMMAND_ID, SignalCode.TERMINATE).envelope());
        assertCommonHeader(terminate, "http://schemas.microsoft.com/wbem/wsman/1/windows/shell/Signal");
        assertShellSelector(terminate);
        assertThat(terminate.text("/s:Envelope/s:Body/rsp:Signal/@CommandId")).isEqualTo(COMMAND_ID);
        assertThat(terminate.text("/s:Envelope/s:Body/rsp:Signal/rsp:Code"))
                .isEqualTo("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/terminate");
        XmlAssert ctrlC = XmlAssert.parse(builder.signal(SHELL_ID, COMMAND_ID, SignalCode.CTRL_C).envelope());
        assertThat(ctrlC.text("//rsp:Signal/rsp:Code"))
                .isEqualTo("http://schemas.microsoft.com/wbem/wsman/1/windows/shell/signal/ctrl_c");
    }

    @Test
    void deleteHasAnEmptyBody() {
        XmlAssert xml = XmlAssert.parse(builder.deleteShell(SHELL_ID).envelope());
        assertCommonHeader(xml, "http://schemas.xmlsoap.org/ws/2004/09/transfer/Delete");
        assertShellSelector(xml);
        assertThat(xml.count("/s:Envelope/s:Body")).isEqualTo(1);
        assertThat(xml.count("/s:Envelope/s:Body/*")).isZero();
    }

    @Test
    void everyRequestGetsTheNextMessageId() {
        java.util.Iterator<UUID> ids = List.of(UUID.fromString("00000000-0000-0000-0000-00000000000a"),
                UUID.fromString("00000000-0000-0000-0000-00000000000b"),
                UUID.fromString("00000000-0000-0000-0000-00000000000c")).iterator();
        WsmanRequestBuilder sequenced = new WsmanRequestBuilder(WsmanSettings.defaults("http://h:5985/wsman"),
                ids::next);
        assertThat(sequenced.deleteShell("s").messageId()).isEqualTo("uuid:00000000-0000-0000-0000-00000000000A");
        assertThat(sequenced.deleteShell("s").messageId()).isEqualTo("uuid:00000000-0000-0000-0000-00000000000B");
        assertThat(XmlAssert.parse(sequenced.deleteShell("s").envelope()).text("//w:OperationTimeout"))
                .isEqualTo("PT20S");
    }

    @Test
    void nonAsciiTextIsUtf8AndMarkupIsEscaped() {
        byte[] envelope = builder.command(SHELL_ID, RemoteCommand.of("echo", "caf\u00e9 \ud83d\ude00 <&>")).envelope();
        String text = new String(envelope, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<rsp:Arguments>caf\u00e9 \ud83d\ude00 &lt;&amp;&gt;</rsp:Arguments>");
        assertThat(envelope).containsSequence(0xC3, 0xA9).containsSequence(0xF0, 0x9F, 0x98, 0x80);
    }

    @Test
    void refusesTextXmlCannotCarry() {
        assertThatThrownBy(() -> builder.command(SHELL_ID, RemoteCommand.of("echo", "a\u0001b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("U+0001");
    }
}
