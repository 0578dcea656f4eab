package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The service's shell bookkeeping, readable by tests: which shells are open, which were deleted, which command
 * lines ran and which processes were started (to assert nothing outlives the shell or the service).
 */
public final class ShellRegistry {
    private final int maxCommandsPerShell;
    private final int outputBufferPerStream;
    private final Map<String, LocalShell> open = new LinkedHashMap<>();
    private final Set<String> deleted = new LinkedHashSet<>();
    private final List<String> commandLines = new ArrayList<>();
    private final List<ProcessHandle> processes = new ArrayList<>();

    ShellRegistry(int maxCommandsPerShell, int outputBufferPerStream) {
        this.maxCommandsPerShell = maxCommandsPerShell;
        this.outputBufferPerStream = outputBufferPerStream;
    }

    synchronized LocalShell create(File workingDirectory, Map<String, String> environment) {
        String id = UUID.randomUUID().toString().toUpperCase();
        LocalShell shell = new LocalShell(id, workingDirectory, environment, maxCommandsPerShell, outputBufferPerStream);
        open.put(id, shell);
        return shell;
    }

    synchronized LocalShell get(String shellId) throws WsManFault {
        LocalShell shell = open.get(shellId);
        if (shell == null) {
            throw WsManFault.shellNotFound(shellId);
        }
        return shell;
    }

    LocalCommand startCommand(LocalShell shell, String commandLine) throws WsManFault {
        LocalCommand command = shell.startCommand(commandLine);
        synchronized (this) {
            commandLines.add(commandLine);
            processes.add(command.processHandle());
        }
        return command;
    }

    void delete(String shellId) throws WsManFault {
        LocalShell shell;
        synchronized (this) {
            shell = get(shellId);
            open.remove(shellId);
            deleted.add(shellId);
        }
        shell.terminateAll();
    }

    void closeAll() {
        List<LocalShell> all;
        synchronized (this) {
            all = new ArrayList<>(open.values());
            open.clear();
        }
        all.forEach(LocalShell::terminateAll);
    }

    /** Ids of shells created and not yet deleted. */
    public synchronized Set<String> openShellIds() {
        return Set.copyOf(open.keySet());
    }

    /** Ids of shells deleted by a client's Delete, in order. */
    public synchronized List<String> deletedShellIds() {
        return List.copyOf(deleted);
    }

    /** Every command line started, in order. */
    public synchronized List<String> commandLines() {
        return List.copyOf(commandLines);
    }

    /** Every process started for a command (alive or not). */
    public synchronized List<ProcessHandle> startedProcesses() {
        return List.copyOf(processes);
    }

    /** Started processes still alive. */
    public synchronized List<ProcessHandle> liveProcesses() {
        return processes.stream().filter(ProcessHandle::isAlive).toList();
    }

    /** Whether the shell is open. */
    public synchronized boolean isOpen(String shellId) {
        return Optional.ofNullable(open.get(shellId)).isPresent();
    }
}
