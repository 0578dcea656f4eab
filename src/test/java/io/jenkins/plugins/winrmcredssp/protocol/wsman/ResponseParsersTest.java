package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsers against WinRM responses recorded from Windows hosts (pywinrm's fixtures) and hand-made edge cases. */
class ResponseParsersTest {
    private static final String PYWINRM_ID = "uuid:11111111-1111-1111-1111-111111111111";
    private static final String COMMAND_ID = "11111111-1111-1111-1111-111111111114";

    @Test
    void shellIdFromRecordedCreateResponse() throws Exception {
        String shellId = CreateShellResponse.shellId(Fixtures.load("pywinrm-create-response.xml"),
                Fixtures.request(WsmanNamespaces.ACTION_CREATE, PYWINRM_ID));
        assertThat(shellId).isEqualTo("11111111-1111-1111-1111-111111111113");
    }

    @Test
    void shellIdFromShellBody() throws Exception {
        byte[] xml = envelope("<rsp:Shell><rsp:ShellId>ABC-1</rsp:ShellId><rsp:InputStreams>stdin</rsp:InputStreams>"
                + "</rsp:Shell>");
        assertThat(CreateShellResponse.shellId(xml, Fixtures.request(WsmanNamespaces.ACTION_CREATE, PYWINRM_ID)))
                .isEqualTo("ABC-1");
    }

    @Test
    void deeplyNestedBodiesDoNotOverflowTheStack() {
        String deep = "<x>".repeat(100_000) + "</x>".repeat(100_000);
        WsmanRequest request = Fixtures.request(WsmanNamespaces.ACTION_CREATE, PYWINRM_ID);
        assertThatThrownBy(() -> CreateShellResponse.shellId(envelope(deep), request))
                .isInstanceOf(MalformedSoapException.class).hasMessageContaining("no ShellId");
    }

    @Test
    void missingShellIdIsMalformed() {
        byte[] xml = envelope("<x:ResourceCreated xmlns:x=\"" + WsmanNamespaces.TRANSFER + "\"/>");
        assertThatThrownBy(() -> CreateShellResponse.shellId(xml,
                Fixtures.request(WsmanNamespaces.ACTION_CREATE, PYWINRM_ID)))
                .isInstanceOf(MalformedSoapException.class).hasMessageContaining("no ShellId");
    }

    @Test
    void commandIdFromRecordedCommandResponse() throws Exception {
        assertThat(CommandResponse.commandId(Fixtures.load("pywinrm-command-response.xml"),
                Fixtures.request(WsmanNamespaces.ACTION_COMMAND, PYWINRM_ID))).isEqualTo(COMMAND_ID);
    }

    @Test
    void receiveStreamsRecordedIpconfigOutput() throws Exception {
        List<String> events = new ArrayList<>();
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ReceiveResponse.CommandState state = ReceiveResponse.parse(Fixtures.load("pywinrm-receive-response.xml"),
                Fixtures.request(WsmanNamespaces.ACTION_RECEIVE, PYWINRM_ID), COMMAND_ID, (stream, data) -> {
                    events.add(stream + ":" + data.length);
                    stdout.writeBytes(data);
                });
        assertThat(state.done()).isTrue();
        assertThat(state.exitCode()).isZero();
        assertThat(events).hasSize(2).allMatch(e -> e.startsWith("stdout:"));
        String text = stdout.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\r\nWindows IP Configuration\r\n").contains("Host Name . . . . . . . . . . . . : WINDOWS-HOST");
    }

    @Test
    void receiveRunningStateAndNegativeExitCodes() throws Exception {
        WsmanRequest receive = Fixtures.request(WsmanNamespaces.ACTION_RECEIVE, PYWINRM_ID);
        byte[] running = envelope("<rsp:ReceiveResponse><rsp:Stream Name=\"stderr\" CommandId=\"C\">b29wcw==</rsp:Stream>"
                + "<rsp:CommandState CommandId=\"C\" State=\"" + WsmanNamespaces.SHELL
                + "/CommandState/Running\"/></rsp:ReceiveResponse>");
        List<String> seen = new ArrayList<>();
        ReceiveResponse.CommandState state = ReceiveResponse.parse(running, receive, "C",
                (stream, data) -> seen.add(stream + "=" + new String(data, StandardCharsets.US_ASCII)));
        assertThat(state.done()).isFalse();
        assertThat(seen).containsExactly("stderr=oops");

        for (String[] code : new String[][] {{"-1073741510", "-1073741510"}, {"3221225786", "-1073741510"},
                {"4294967295", "-1"}}) {
            byte[] done = envelope("<rsp:ReceiveResponse><rsp:CommandState CommandId=\"C\" State=\""
                    + WsmanNamespaces.COMMAND_STATE_DONE + "\"><rsp:ExitCode>" + code[0]
                    + "</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse>");
            assertThat(ReceiveResponse.parse(done, receive, "C", (s, d) -> { }).exitCode())
                    .isEqualTo(Integer.parseInt(code[1]));
        }
    }

    @Test
    void receiveDecodesBase64SplitByWhitespaceCdataAndComments() throws Exception {
        WsmanRequest receive = Fixtures.request(WsmanNamespaces.ACTION_RECEIVE, PYWINRM_ID);
        byte[] xml = envelope("<rsp:ReceiveResponse><rsp:Stream Name=\"stdout\" CommandId=\"C\">\r\n b2\t9w <!-- x -->"
                + "<![CDATA[Y3\nc=]]>\n</rsp:Stream><rsp:Stream Name=\"stderr\" CommandId=\"C\"> </rsp:Stream>"
                + "</rsp:ReceiveResponse>");
        List<String> seen = new ArrayList<>();
        ReceiveResponse.parse(xml, receive, "C",
                (stream, data) -> seen.add(stream + "=" + new String(data, StandardCharsets.US_ASCII)));
        assertThat(seen).containsExactly("stdout=oopcw");
    }

    @Test
    void receiveRejectsNonAsciiAndElementsInsideAStream() {
        WsmanRequest receive = Fixtures.request(WsmanNamespaces.ACTION_RECEIVE, PYWINRM_ID);
        assertThatThrownBy(() -> ReceiveResponse.parse(envelope("<rsp:ReceiveResponse><rsp:Stream Name=\"stdout\">"
                + "AA\u00e9=</rsp:Stream></rsp:ReceiveResponse>"), receive, "C", (s, d) -> { }))
                .isInstanceOf(MalformedSoapException.class).hasMessageContaining("not base64").hasMessageContaining("U+00E9");
        assertThatThrownBy(() -> ReceiveResponse.parse(envelope("<rsp:ReceiveResponse><rsp:Stream Name=\"stdout\">"
                + "AA<x/>==</rsp:Stream></rsp:ReceiveResponse>"), receive, "C", (s, d) -> { }))
                .isInstanceOf(MalformedSoapException.class).hasMessageContaining("inside a Stream");
    }

    @Test
    void receiveRejectsBadBase64OutputOfAnotherCommandAndDoneWithoutExitCode() {
        WsmanRequest receive = Fixtures.request(WsmanNamespaces.ACTION_RECEIVE, PYWINRM_ID);
        assertThatThrownBy(() -> ReceiveResponse.parse(envelope("<rsp:ReceiveResponse><rsp:Stream Name=\"stdout\">"
                + "not*base64</rsp:Stream></rsp:ReceiveResponse>"), receive, "C", (s, d) -> { }))
                .isInstanceOf(MalformedSoapException.class).hasMessageContaining("base64");
        assertThatThrownBy(() -> ReceiveResponse.parse(envelope("<rsp:ReceiveResponse><rsp:Stream Name=\"stdout\" "
                + "CommandId=\"OTHER\">AA==</rsp:Stream></rsp:ReceiveResponse>"), receive, "C", (s, d) -> { }))
                .isInstanceOf(MalformedSoapException.class).hasMessageContaining("OTHER");
        assertThatThrownBy(() -> ReceiveResponse.parse(envelope("<rsp:ReceiveResponse><rsp:CommandState State=\""
                + WsmanNamespaces.COMMAND_STATE_DONE + "\"/></rsp:ReceiveResponse>"), receive, "C", (s, d) -> { }))
                .isInstanceOf(MalformedSoapException.class).hasMessageContaining("ExitCode");
    }

    @Test
    void recordedSignalAndDeleteResponsesAreAcknowledgements() throws Exception {
        SoapResponse.checkNoFault(Fixtures.load("pywinrm-signal-response.xml"),
                Fixtures.request(WsmanNamespaces.ACTION_SIGNAL, PYWINRM_ID));
        SoapResponse.checkNoFault(Fixtures.load("pywinrm-delete-response.xml"),
                Fixtures.request(WsmanNamespaces.ACTION_DELETE, PYWINRM_ID));
    }

    @Test
    void responseToAnotherRequestIsRejected() {
        assertThatThrownBy(() -> SoapResponse.checkNoFault(Fixtures.load("pywinrm-delete-response.xml"),
                Fixtures.request(WsmanNamespaces.ACTION_DELETE, "uuid:22222222-2222-2222-2222-222222222222")))
                .isInstanceOf(MalformedSoapException.class).hasMessageContaining("RelatesTo");
    }

    @Test
    void recordedOperationTimeoutFaultIsRecognised() {
        WsmanFaultException fault = catchThrowableOfType(WsmanFaultException.class, () -> ReceiveResponse.parse(
                Fixtures.load("fault-operation-timeout.xml"),
                Fixtures.request(WsmanNamespaces.ACTION_RECEIVE, "uuid:7340FE92-C302-42E5-A337-1918908654F8"), "C",
                (s, d) -> { }));
        assertThat(fault.isOperationTimeout()).isTrue();
        assertThat(fault.code()).isEqualTo("s:Receiver");
        assertThat(fault.subcode()).isEqualTo("w:TimedOut");
        assertThat(fault.wsmanCode()).hasValue(2150858793L);
        assertThat(fault.machine()).isEqualTo("server2022.domain.test");
        assertThat(fault.serverMessage()).startsWith("The WS-Management service cannot complete the operation");
        assertThat(fault.getMessage()).contains("Receive", "w:TimedOut", "2150858793", "0x80338029");
    }

    @Test
    void recordedShellNotFoundFault() {
        WsmanFaultException fault = catchThrowableOfType(WsmanFaultException.class, () -> SoapResponse.checkNoFault(
                Fixtures.load("fault-shell-not-found.xml"),
                Fixtures.request(WsmanNamespaces.ACTION_COMMAND, PYWINRM_ID)));
        assertThat(fault.isShellNotFound()).isTrue();
        assertThat(fault.needsNewShell()).isTrue();
        assertThat(fault.isOperationTimeout()).isFalse();
        assertThat(fault.code()).isEqualTo("s:Sender");
        assertThat(fault.subcode()).isEqualTo("w:InvalidSelectors");
        assertThat(fault.serverMessage()).contains("the shell was not found on the server");
        assertThat(fault.getMessage()).contains("open a new shell");
    }

    @Test
    void tooManyCommandsFromAWmiErrorDetail() {
        WsmanFaultException fault = catchThrowableOfType(WsmanFaultException.class, () -> CommandResponse.commandId(
                Fixtures.load("fault-wmi-error-too-many-commands.xml"),
                Fixtures.request(WsmanNamespaces.ACTION_COMMAND, PYWINRM_ID)));
        assertThat(fault.isTooManyCommands()).isTrue();
        assertThat(fault.needsNewShell()).isTrue();
        assertThat(fault.wsmanCode()).hasValue(0x803381A6L);
        assertThat(fault.subcode()).isEqualTo("w:InternalError");
        assertThat(fault.serverMessage()).isEqualTo("WMI Message.");
        assertThat(fault.getMessage()).contains("MaxConcurrentCommandsPerShell");
    }

    @Test
    void faultWithoutDetailKeepsCodeAndReason() {
        WsmanFaultException fault = catchThrowableOfType(WsmanFaultException.class, () -> CreateShellResponse.shellId(
                Fixtures.load("fault-must-understand.xml"),
                Fixtures.request(WsmanNamespaces.ACTION_CREATE, "uuid:eaa98952-3188-458f-b265-b03ace115f20")));
        assertThat(fault.code()).isEqualTo("s:MustUnderstand");
        assertThat(fault.subcode()).isNull();
        assertThat(fault.wsmanCode()).isEmpty();
        assertThat(fault.serverMessage()).isEqualTo("Test reason.");
    }

    @Test
    void doctypeAndExternalEntitiesAreRefused() {
        WsmanRequest request = Fixtures.request(WsmanNamespaces.ACTION_DELETE, PYWINRM_ID);
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE s:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<s:Envelope xmlns:s=\"" + WsmanNamespaces.SOAP + "\"><s:Body>&x;</s:Body></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SoapResponse.checkNoFault(xxe, request)).isInstanceOf(MalformedSoapException.class);
        byte[] billionLaughs = ("<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<s:Envelope xmlns:s=\"" + WsmanNamespaces.SOAP + "\"><s:Body/></s:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SoapResponse.checkNoFault(billionLaughs, request))
                .isInstanceOf(MalformedSoapException.class).hasMessageContaining("DTD");
    }

    @Test
    void notSoapIsMalformed() {
        WsmanRequest request = Fixtures.request(WsmanNamespaces.ACTION_DELETE, PYWINRM_ID);
        for (String text : new String[] {"", "   ", "<html><body>Bad gateway</body></html>", "not xml at all",
                "<s:Envelope xmlns:s=\"" + WsmanNamespaces.SOAP + "\"><s:Header/></s:Envelope>",
                "<Envelope><Body/></Envelope>"}) {
            assertThatThrownBy(() -> SoapResponse.checkNoFault(text.getBytes(StandardCharsets.UTF_8), request))
                    .as(text).isInstanceOf(MalformedSoapException.class);
        }
    }

    /** Every truncation and random corruption of real responses fails with a typed exception, never anything else. */
    @Test
    void truncatedAndCorruptedResponsesFailTyped() {
        java.util.Random random = new java.util.Random(20261125);
        String[] fixtures = {"pywinrm-create-response.xml", "pywinrm-command-response.xml",
                "pywinrm-receive-response.xml", "fault-operation-timeout.xml", "fault-shell-not-found.xml"};
        String[] actions = {WsmanNamespaces.ACTION_CREATE, WsmanNamespaces.ACTION_COMMAND,
                WsmanNamespaces.ACTION_RECEIVE, WsmanNamespaces.ACTION_RECEIVE, WsmanNamespaces.ACTION_COMMAND};
        for (int f = 0; f < fixtures.length; f++) {
            byte[] original = Fixtures.load(fixtures[f]);
            for (int round = 0; round < 300; round++) {
                byte[] mutated;
                if (round % 2 == 0) {
                    mutated = java.util.Arrays.copyOf(original, random.nextInt(original.length));
                } else {
                    mutated = original.clone();
                    for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                    }
                }
                WsmanRequest request = Fixtures.request(actions[f], fixtures[f].startsWith("fault-operation")
                        ? "uuid:7340FE92-C302-42E5-A337-1918908654F8" : PYWINRM_ID);
                try {
                    switch (f) {
                        case 0 -> CreateShellResponse.shellId(mutated, request);
                        case 1, 4 -> CommandResponse.commandId(mutated, request);
                        default -> ReceiveResponse.parse(mutated, request, COMMAND_ID, (s, d) -> { });
                    }
                } catch (WsmanException expected) {
                    // typed: malformed, or (a corrupted but still well-formed) fault
                } catch (Exception e) {
                    throw new AssertionError(fixtures[f] + " round " + round + ": untyped " + e, e);
                }
            }
        }
    }

    private static byte[] envelope(String body) {
        return ("<s:Envelope xmlns:s=\"" + WsmanNamespaces.SOAP + "\" xmlns:a=\"" + WsmanNamespaces.ADDRESSING
                + "\" xmlns:w=\"" + WsmanNamespaces.WSMAN + "\" xmlns:rsp=\"" + WsmanNamespaces.SHELL
                + "\"><s:Header><a:RelatesTo>" + PYWINRM_ID + "</a:RelatesTo></s:Header><s:Body>" + body
                + "</s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);
    }
}
