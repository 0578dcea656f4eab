package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.ADDRESSING;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.SHELL;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.TRANSFER;
import static io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces.WSMAN;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.SignalCode;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanNamespaces;
import org.w3c.dom.Element;

/**
 * The Windows shell operations of MS-WSMV §3.1.4.1 (Create, Command, Send, Receive, Signal, Delete) on the
 * {@code .../windows/shell/cmd} resource, executed with local processes.
 */
final class ShellOperations {
    private final ShellRegistry shells;
    private final String endpointAddress;
    private final Duration maxOperationTimeout;

    ShellOperations(ShellRegistry shells, String endpointAddress, Duration maxOperationTimeout) {
        this.shells = shells;
        this.endpointAddress = endpointAddress;
        this.maxOperationTimeout = maxOperationTimeout;
    }

    /** Runs one request; a {@link WsManFault} becomes a fault envelope at the caller. */
    SoapWriter handle(WsManRequest request) throws WsManFault, InterruptedException {
        if (!WsmanNamespaces.RESOURCE_CMD_SHELL.equals(request.resourceUri())) {
            throw new WsManFault("s:Sender", "w:DestinationUnreachable", null,
                    "Unsupported ResourceURI '" + request.resourceUri() + "'; this service serves " + WsmanNamespaces.RESOURCE_CMD_SHELL);
        }
        switch (request.action()) {
            case WsmanNamespaces.ACTION_CREATE:
                return create(request);
            case WsmanNamespaces.ACTION_COMMAND:
                return command(request);
            case WsmanNamespaces.ACTION_SEND:
                return send(request);
            case WsmanNamespaces.ACTION_RECEIVE:
                return receive(request);
            case WsmanNamespaces.ACTION_SIGNAL:
                return signal(request);
            case WsmanNamespaces.ACTION_DELETE:
                return delete(request);
            default:
                throw new WsManFault("s:Sender", "a:ActionNotSupported", null,
                        "The action '" + request.action() + "' is not supported by the shell resource");
        }
    }

    private SoapWriter create(WsManRequest request) throws WsManFault {
        Element shellElement = request.body(SHELL, "Shell");
        File workingDirectory = WsManRequest.text(shellElement, SHELL, "WorkingDirectory")
                .filter(s -> !s.isEmpty()).map(File::new).orElse(null);
        Map<String, String> environment = new LinkedHashMap<>();
        WsManRequest.child(shellElement, SHELL, "Environment").ifPresent(env -> {
            for (Element v : WsManRequest.children(env, SHELL, "Variable")) {
                environment.put(v.getAttribute("Name"), v.getTextContent());
            }
        });
        if (environment.containsKey("")) {
            throw WsManFault.invalid("an Environment Variable has no Name");
        }
        LocalShell shell = shells.create(workingDirectory, environment);

        SoapWriter w = new SoapWriter(TRANSFER + "/CreateResponse", request.messageId());
        Element created = w.append(w.body(), TRANSFER, "x:ResourceCreated");
        w.appendText(created, ADDRESSING, "a:Address", endpointAddress);
        Element refs = w.append(created, ADDRESSING, "a:ReferenceParameters");
        w.appendText(refs, WSMAN, "w:ResourceURI", WsmanNamespaces.RESOURCE_CMD_SHELL);
        Element selectors = w.append(refs, WSMAN, "w:SelectorSet");
        w.appendText(selectors, WSMAN, "w:Selector", shell.id()).setAttribute("Name", "ShellId");
        Element info = w.append(w.body(), SHELL, "rsp:Shell");
        w.appendText(info, SHELL, "rsp:ShellId", shell.id());
        w.appendText(info, SHELL, "rsp:ResourceUri", WsmanNamespaces.RESOURCE_CMD_SHELL);
        w.appendText(info, SHELL, "rsp:InputStreams", "stdin");
        w.appendText(info, SHELL, "rsp:OutputStreams", "stdout stderr");
        return w;
    }

    private SoapWriter command(WsManRequest request) throws WsManFault {
        LocalShell shell = shells.get(shellId(request));
        Element commandLine = request.body(SHELL, "CommandLine");
        String command = WsManRequest.text(commandLine, SHELL, "Command")
                .orElseThrow(() -> WsManFault.schema("CommandLine has no Command"));
        List<String> parts = new ArrayList<>();
        parts.add(command);
        for (Element argument : WsManRequest.children(commandLine, SHELL, "Arguments")) {
            parts.add(argument.getTextContent());
        }
        LocalCommand started = shells.startCommand(shell, String.join(" ", parts));

        SoapWriter w = new SoapWriter(SHELL + "/CommandResponse", request.messageId());
        Element response = w.append(w.body(), SHELL, "rsp:CommandResponse");
        w.appendText(response, SHELL, "rsp:CommandId", started.id());
        return w;
    }

    private SoapWriter send(WsManRequest request) throws WsManFault {
        LocalShell shell = shells.get(shellId(request));
        Element send = request.body(SHELL, "Send");
        for (Element stream : WsManRequest.children(send, SHELL, "Stream")) {
            LocalCommand command = command(shell, stream.getAttribute("CommandId"));
            byte[] data;
            try {
                data = Base64.getMimeDecoder().decode(stream.getTextContent().trim());
            } catch (IllegalArgumentException e) {
                throw WsManFault.invalid("Send: the stdin Stream is not base64");
            }
            try {
                command.writeStdin(data, "true".equalsIgnoreCase(stream.getAttribute("End")));
            } catch (IOException e) {
                // the process already exited or closed its stdin; Windows drops such input too
            }
        }
        SoapWriter w = new SoapWriter(SHELL + "/SendResponse", request.messageId());
        w.append(w.body(), SHELL, "rsp:SendResponse");
        return w;
    }

    private SoapWriter receive(WsManRequest request) throws WsManFault, InterruptedException {
        LocalShell shell = shells.get(shellId(request));
        Element desired = WsManRequest.child(request.body(SHELL, "Receive"), SHELL, "DesiredStream")
                .orElseThrow(() -> WsManFault.schema("Receive has no DesiredStream"));
        LocalCommand command = command(shell, desired.getAttribute("CommandId"));
        Duration timeout = request.operationTimeout().compareTo(maxOperationTimeout) > 0 ? maxOperationTimeout : request.operationTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!command.output().await(deadline, command::finished)) {
            throw WsManFault.operationTimeout();
        }
        // base64 grows the data by 4/3; keep well inside the client's MaxEnvelopeSize
        int maxBytes = Math.max(1024, (request.maxEnvelopeSize() - 4096) * 3 / 4);
        List<CommandOutput.Chunk> chunks = command.output().drain(maxBytes);
        boolean done = command.isDone();

        SoapWriter w = new SoapWriter(SHELL + "/ReceiveResponse", request.messageId());
        Element response = w.append(w.body(), SHELL, "rsp:ReceiveResponse");
        for (CommandOutput.Chunk chunk : chunks) {
            Element stream = w.appendText(response, SHELL, "rsp:Stream", Base64.getEncoder().encodeToString(chunk.data()));
            stream.setAttribute("Name", chunk.stream());
            stream.setAttribute("CommandId", command.id());
        }
        if (done) {
            for (String name : List.of(CommandOutput.STDOUT, CommandOutput.STDERR)) {
                Element end = w.append(response, SHELL, "rsp:Stream");
                end.setAttribute("Name", name);
                end.setAttribute("CommandId", command.id());
                end.setAttribute("End", "true");
            }
        }
        Element state = w.append(response, SHELL, "rsp:CommandState");
        state.setAttribute("CommandId", command.id());
        state.setAttribute("State", done ? WsmanNamespaces.COMMAND_STATE_DONE : WsManNames.STATE_RUNNING);
        if (done) {
            w.appendText(state, SHELL, "rsp:ExitCode", Integer.toString(command.exitCode()));
        }
        return w;
    }

    private SoapWriter signal(WsManRequest request) throws WsManFault {
        LocalShell shell = shells.get(shellId(request));
        Element signal = request.body(SHELL, "Signal");
        String commandId = signal.getAttribute("CommandId");
        LocalCommand command = command(shell, commandId);
        String code = WsManRequest.text(signal, SHELL, "Code").orElseThrow(() -> WsManFault.schema("Signal has no Code"));
        SignalCode signalCode = Arrays.stream(SignalCode.values()).filter(c -> c.uri().equals(code)).findFirst()
                .orElseThrow(() -> WsManFault.invalid("Unsupported Signal Code '" + code + "'"));
        if (signalCode == SignalCode.TERMINATE) {
            shell.terminate(commandId);
        } else {
            command.interrupt();
        }
        SoapWriter w = new SoapWriter(SHELL + "/SignalResponse", request.messageId());
        w.append(w.body(), SHELL, "rsp:SignalResponse");
        return w;
    }

    private SoapWriter delete(WsManRequest request) throws WsManFault {
        shells.delete(shellId(request));
        return new SoapWriter(TRANSFER + "/DeleteResponse", request.messageId());
    }

    private static String shellId(WsManRequest request) throws WsManFault {
        return request.selector("ShellId").orElseThrow(() -> new WsManFault("s:Sender", "w:InvalidSelectors", null,
                "The request has no ShellId selector"));
    }

    private static LocalCommand command(LocalShell shell, String commandId) throws WsManFault {
        return shell.command(commandId).orElseThrow(() -> WsManFault.invalid(
                "The command with CommandId '" + commandId + "' does not exist in shell " + shell.id()));
    }
}
