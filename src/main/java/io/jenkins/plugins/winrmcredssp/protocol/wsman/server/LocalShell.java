package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One open Windows Remote Shell (MS-WSMV §3.1.4.1.3): its WorkingDirectory, Environment and running commands. */
final class LocalShell {
    private final String id;
    private final File workingDirectory;
    private final Map<String, String> environment;
    private final int maxCommands;
    private final int outputBufferPerStream;
    private final Map<String, LocalCommand> commands = new LinkedHashMap<>();

    LocalShell(String id, File workingDirectory, Map<String, String> environment, int maxCommands, int outputBufferPerStream) {
        this.id = id;
        this.workingDirectory = workingDirectory;
        this.environment = Map.copyOf(environment);
        this.maxCommands = maxCommands;
        this.outputBufferPerStream = outputBufferPerStream;
    }

    String id() {
        return id;
    }

    synchronized LocalCommand startCommand(String commandLine) throws WsManFault {
        if (commands.size() >= maxCommands) {
            throw WsManFault.tooManyCommands(maxCommands);
        }
        if (workingDirectory != null && !workingDirectory.isDirectory()) {
            throw new WsManFault("s:Receiver", "w:InternalError", WsManFault.DIRECTORY_INVALID,
                    "The directory name is invalid: " + workingDirectory);
        }
        String commandId = UUID.randomUUID().toString().toUpperCase();
        try {
            LocalCommand command = LocalCommand.start(commandId, commandLine, workingDirectory, environment, outputBufferPerStream);
            commands.put(commandId, command);
            return command;
        } catch (IOException e) {
            throw new WsManFault("s:Receiver", "w:InternalError", null, "Cannot start the command: " + e.getMessage());
        }
    }

    synchronized Optional<LocalCommand> command(String commandId) {
        return Optional.ofNullable(commands.get(commandId));
    }

    /** Terminates the command and forgets it (a later Receive for it faults). */
    void terminate(String commandId) {
        LocalCommand command;
        synchronized (this) {
            command = commands.remove(commandId);
        }
        if (command != null) {
            command.terminate();
        }
    }

    void terminateAll() {
        List<LocalCommand> all;
        synchronized (this) {
            all = new ArrayList<>(commands.values());
            commands.clear();
        }
        all.forEach(LocalCommand::terminate);
    }
}
