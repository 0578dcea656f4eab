package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jenkins.plugins.winrmcredssp.testsupport.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WinRmShellTest {
    private final FakeWinRm server = new FakeWinRm();
    private final MutableClock clock = new MutableClock();
    private final WinRmClient client = new WinRmClient(server, WsmanSettings.defaults("http://host:5985/wsman"),
            UUID::randomUUID, clock);
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    @Test
    void runsACommandStreamingOutputPollingThroughTimeoutsAndCleansUp() throws Exception {
        server.onReceive((relatesTo, commandId, index) -> switch (index) {
            case 0 -> FakeWinRm.receiveResponse(relatesTo, commandId, "hello ", "", null);
            case 1, 2 -> FakeWinRm.operationTimeout(relatesTo);
            default -> FakeWinRm.receiveResponse(relatesTo, commandId, "world", "warn", 3);
        });
        int exitCode;
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            assertThat(shell.shellId()).isEqualTo(FakeWinRm.SHELL_ID);
            exitCode = shell.run("ipconfig", List.of("/all"), stdout, stderr);
        }
        assertThat(exitCode).isEqualTo(3);
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("hello world");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("warn");
        assertThat(server.operations()).containsExactly("Create", "Command", "Receive", "Receive", "Receive",
                "Receive", "Signal", "Delete");
        assertThat(server.of("Command").get(0).xml().text("//rsp:CommandLine/rsp:Command")).isEqualTo("ipconfig");
        assertThat(server.of("Receive")).allMatch(e -> e.xml().text("//rsp:DesiredStream/@CommandId")
                .equals(FakeWinRm.commandId(1)));
        assertThat(server.of("Signal").get(0).xml().text("//rsp:Signal/rsp:Code")).isEqualTo(SignalCode.TERMINATE.uri());
    }

    @Test
    void clientRunOpensRunsAndDeletes() throws Exception {
        server.onReceive((relatesTo, commandId, index) -> FakeWinRm.receiveResponse(relatesTo, commandId, "x", "", 7));
        assertThat(client.run(ShellOptions.defaults(), RemoteCommand.of("exit", "/b", "7"), null, stdout, stderr))
                .isEqualTo(7);
        assertThat(server.operations()).containsExactly("Create", "Command", "Receive", "Signal", "Delete");
    }

    @Test
    void runsSeveralCommandsInOneShell() throws Exception {
        server.onReceive((relatesTo, commandId, index) -> FakeWinRm.receiveResponse(relatesTo, commandId,
                commandId.substring(commandId.length() - 1), "", 0));
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            shell.run("echo", List.of("1"), stdout, stderr);
            shell.run("echo", List.of("2"), stdout, stderr);
            shell.run("echo", List.of("3"), stdout, stderr);
        }
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("123");
        assertThat(server.of("Create")).hasSize(1);
        assertThat(server.of("Delete")).hasSize(1);
        assertThat(server.of("Signal")).hasSize(3);
    }

    @Test
    void stdinIsSentInChunksEndingWithEnd() throws Exception {
        byte[] input = new byte[WinRmShell.STDIN_CHUNK * 2 + 1000];
        new java.util.Random(1).nextBytes(input);
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            shell.run(RemoteCommand.of("findstr", "x"), new ByteArrayInputStream(input), stdout, stderr);
        }
        List<FakeWinRm.Exchange> sends = server.of("Send");
        assertThat(sends).hasSize(3);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        for (int i = 0; i < sends.size(); i++) {
            XmlAssert xml = sends.get(i).xml();
            assertThat(xml.text("//rsp:Stream/@CommandId")).isEqualTo(FakeWinRm.commandId(1));
            assertThat(xml.text("//rsp:Stream/@End")).isEqualTo(i == 2 ? "true" : "");
            received.writeBytes(Base64.getDecoder().decode(xml.text("//rsp:Stream")));
        }
        assertThat(received.toByteArray()).isEqualTo(input);
        assertThat(server.operations().indexOf("Send")).isLessThan(server.operations().indexOf("Receive"));
    }

    @Test
    void emptyStdinStillSendsEnd() throws Exception {
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            shell.run(RemoteCommand.of("more"), new ByteArrayInputStream(new byte[0]), stdout, stderr);
        }
        assertThat(server.of("Send")).singleElement()
                .satisfies(send -> assertThat(send.xml().text("//rsp:Stream/@End")).isEqualTo("true"));
    }

    @Test
    void fiftyMegabytesStreamThroughWithoutBeingBuffered() throws Exception {
        int perResponse = 100 * 1024;
        long total = 50L * 1024 * 1024;
        int responses = (int) (total / perResponse);
        byte[] chunk = new byte[perResponse];
        Arrays.fill(chunk, (byte) 'x');
        AtomicLong delivered = new AtomicLong();
        AtomicLong largestWrite = new AtomicLong();
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                delivered.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                delivered.addAndGet(len);
                largestWrite.accumulateAndGet(len, Math::max);
            }
        };
        server.onReceive((relatesTo, commandId, index) -> {
            // Everything sent so far has already reached the caller's stream: nothing accumulates between polls.
            assertThat(delivered.get()).isEqualTo((long) index * perResponse);
            return FakeWinRm.receiveResponse(relatesTo, commandId, chunk, new byte[0],
                    index == responses - 1 ? 0 : null);
        });
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            assertThat(shell.run("type", List.of("big.bin"), counting, stderr)).isZero();
        }
        assertThat(delivered.get()).isEqualTo((long) responses * perResponse);
        assertThat(largestWrite.get()).isLessThanOrEqualTo(perResponse);
    }

    @Test
    void closeDeletesTheShellAfterAFailedCommand() throws Exception {
        server.onReceive((relatesTo, commandId, index) -> FakeWinRm.fault(relatesTo, "w:AccessDenied", 5,
                "Access is denied."));
        WsmanFaultException failure = catchThrowableOfType(WsmanFaultException.class, () -> {
            try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
                shell.run("whoami", List.of(), stdout, stderr);
            }
        });
        assertThat(failure.wsmanCode()).hasValue(5);
        assertThat(failure.serverMessage()).isEqualTo("Access is denied.");
        assertThat(server.operations()).containsExactly("Create", "Command", "Receive", "Signal", "Delete");
    }

    @Test
    void aFailingDeleteIsSuppressedNotHidingTheOriginalError() {
        server.onReceive((relatesTo, commandId, index) -> FakeWinRm.fault(relatesTo, "w:InternalError", 1, "boom"))
                .failDeleteWith(new IOException("connection reset"));
        WsmanFaultException failure = catchThrowableOfType(WsmanFaultException.class, () -> {
            try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
                shell.run("whoami", List.of(), stdout, stderr);
            }
        });
        assertThat(failure.serverMessage()).isEqualTo("boom");
        assertThat(failure.getSuppressed()).extracting(Throwable::getMessage).containsExactly("connection reset");
        assertThat(server.operations()).endsWith("Delete");
    }

    @Test
    void shellNotFoundIsTypedAndAsksForANewShell() throws Exception {
        server.onReceive((relatesTo, commandId, index) -> FakeWinRm.fault(relatesTo, "w:InvalidSelectors",
                WsmanFaultException.ERROR_WSMAN_SHELL_NOT_FOUND, "shell not found"));
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            WsmanFaultException fault = catchThrowableOfType(WsmanFaultException.class, () -> shell.run("dir", List.of(), stdout, stderr));
            assertThat(fault.isShellNotFound()).isTrue();
            assertThat(fault.needsNewShell()).isTrue();
        }
    }

    @Test
    void cancelStopsTheCommandAtTheNextPollTerminatesAndDeletesTheShell() throws Exception {
        WinRmShell shell = client.openShell(ShellOptions.defaults());
        server.onReceive((relatesTo, commandId, index) -> {
            if (index == 1) {
                shell.cancel();
            }
            return FakeWinRm.operationTimeout(relatesTo);
        });
        CommandAbortedException aborted = catchThrowableOfType(CommandAbortedException.class, () -> shell.run("ping", List.of("-t", "localhost"), stdout, stderr));
        assertThat(aborted.reason()).isEqualTo(CommandAbortedException.Reason.CANCELLED);
        assertThat(server.operations()).containsExactly("Create", "Command", "Receive", "Receive", "Signal", "Delete");
        assertThat(shell.isOpen()).isFalse();
        shell.close();
        assertThat(server.of("Delete")).hasSize(1);
        assertThatThrownBy(() -> shell.run("dir", List.of(), stdout, stderr)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void interruptionWhileWaitingCancelsAndKeepsTheInterruptStatus() throws Exception {
        server.onReceive((relatesTo, commandId, index) -> {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading");
        });
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            CommandAbortedException aborted = catchThrowableOfType(CommandAbortedException.class, () -> shell.run("ping", List.of("-t", "localhost"), stdout, stderr));
            assertThat(aborted.reason()).isEqualTo(CommandAbortedException.Reason.CANCELLED);
            assertThat(aborted.getCause()).isInstanceOf(InterruptedIOException.class);
            assertThat(Thread.interrupted()).as("interrupt status restored (and cleared here)").isTrue();
        }
        assertThat(server.operations()).containsExactly("Create", "Command", "Receive", "Signal", "Delete");
        assertThat(server.of("Signal").get(0).threadInterrupted()).as("clean-up runs with the flag set aside").isFalse();
        assertThat(server.of("Delete").get(0).threadInterrupted()).isFalse();
    }

    @Test
    void commandTimeoutTerminatesAndDeletes() throws Exception {
        server.onReceive((relatesTo, commandId, index) -> {
            clock.advance(Duration.ofSeconds(20));
            return FakeWinRm.operationTimeout(relatesTo);
        });
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            CommandAbortedException aborted = catchThrowableOfType(CommandAbortedException.class, () -> shell.run(
                    RemoteCommand.of("ping", "-t", "localhost").withTimeout(Duration.ofSeconds(50)), null, stdout,
                    stderr));
            assertThat(aborted.reason()).isEqualTo(CommandAbortedException.Reason.TIMED_OUT);
        }
        assertThat(server.operations()).containsExactly("Create", "Command", "Receive", "Receive", "Receive",
                "Signal", "Delete");
    }

    @Test
    void cleanupFailuresDuringCancelAreSuppressed() throws Exception {
        WinRmShell shell = client.openShell(ShellOptions.defaults());
        server.failDeleteWith(new IOException("gone")).onReceive((relatesTo, commandId, index) -> {
            shell.cancel();
            return FakeWinRm.operationTimeout(relatesTo);
        });
        CommandAbortedException aborted = catchThrowableOfType(CommandAbortedException.class, () -> shell.run("dir", List.of(), stdout, stderr));
        assertThat(aborted.getSuppressed()).extracting(Throwable::getMessage).containsExactly("gone");
        assertThat(shell.isOpen()).isFalse();
    }

    @Test
    void powerShellShortScriptIsEncodedAndClixmlDecoded() throws Exception {
        String clixml = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<S S=\"Error\">Oh no &lt;1&gt;_x000D__x000A_</S></Objs>";
        server.onReceive((relatesTo, commandId, index) -> FakeWinRm.receiveResponse(relatesTo, commandId, "ok\r\n",
                clixml, 1));
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            assertThat(shell.runPowerShell("Write-Error 'Oh no <1>'; exit 1", stdout, stderr)).isEqualTo(1);
        }
        XmlAssert command = server.of("Command").get(0).xml();
        assertThat(command.text("//rsp:Command")).isEqualTo("powershell");
        assertThat(command.text("//rsp:Arguments[3]")).isEqualTo("-EncodedCommand");
        assertThat(new String(Base64.getDecoder().decode(command.text("//rsp:Arguments[4]")),
                StandardCharsets.UTF_16LE)).isEqualTo("Write-Error 'Oh no <1>'; exit 1");
        assertThat(server.of("Send")).isEmpty();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).isEqualTo("ok\r\n");
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEqualTo("Oh no <1>\r\n");
    }

    @Test
    void powerShellLongScriptTravelsOnStdin() throws Exception {
        String script = "Write-Output 'Grüße'\n".repeat(20_000);
        try (WinRmShell shell = client.openShell(ShellOptions.defaults())) {
            shell.runPowerShell(script, stdout, stderr);
        }
        XmlAssert command = server.of("Command").get(0).xml();
        String commandLine = command.text("//rsp:Command") + " " + String.join(" ", List.of(
                command.text("//rsp:Arguments[1]"), command.text("//rsp:Arguments[2]"),
                command.text("//rsp:Arguments[3]"), command.text("//rsp:Arguments[4]")));
        assertThat(commandLine.length()).isLessThan(PowerShellCommand.CMD_LINE_LIMIT);
        assertThat(command.text("//w:Option[@Name='WINRS_CONSOLEMODE_STDIN']")).isEqualTo("FALSE");
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (FakeWinRm.Exchange send : server.of("Send")) {
            sent.writeBytes(Base64.getDecoder().decode(send.xml().text("//rsp:Stream")));
        }
        String stdinText = sent.toString(StandardCharsets.US_ASCII).strip();
        assertThat(new String(Base64.getDecoder().decode(stdinText), StandardCharsets.UTF_8)).isEqualTo(script);
    }
}
