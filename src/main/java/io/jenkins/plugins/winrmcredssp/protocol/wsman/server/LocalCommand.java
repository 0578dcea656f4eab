package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One WS-Management command backed by a real local process ({@code /bin/sh -c <command line>}); its stdout and
 * stderr are pumped into a bounded {@link CommandOutput}.
 */
final class LocalCommand {
    private final String id;
    private final String commandLine;
    private final Process process;
    private final CommandOutput output;
    private final List<Thread> pumps;
    private final OutputStream stdin;

    private LocalCommand(String id, String commandLine, Process process, CommandOutput output, List<Thread> pumps) {
        this.id = id;
        this.commandLine = commandLine;
        this.process = process;
        this.output = output;
        this.pumps = pumps;
        this.stdin = process.getOutputStream();
    }

    static LocalCommand start(String id, String commandLine, File workingDirectory, Map<String, String> environment,
            int outputBufferPerStream) throws IOException {
        List<String> argv = new ArrayList<>(ProcessGroups.newSessionPrefix());
        argv.addAll(List.of("/bin/sh", "-c", commandLine));
        ProcessBuilder builder = new ProcessBuilder(argv);
        if (workingDirectory != null) {
            builder.directory(workingDirectory);
        }
        builder.environment().putAll(environment);
        Process process = builder.start();
        CommandOutput output = new CommandOutput(outputBufferPerStream);
        Thread out = pumpThread(id, CommandOutput.STDOUT, () -> output.pump(CommandOutput.STDOUT, process.getInputStream()));
        Thread err = pumpThread(id, CommandOutput.STDERR, () -> output.pump(CommandOutput.STDERR, process.getErrorStream()));
        process.onExit().thenRun(output::signal);
        out.start();
        err.start();
        return new LocalCommand(id, commandLine, process, output, List.of(out, err));
    }

    private static Thread pumpThread(String commandId, String stream, Runnable body) {
        Thread t = new Thread(body, LocalWinRmService.THREAD_PREFIX + "pump-" + commandId + "-" + stream);
        t.setDaemon(true);
        return t;
    }

    String id() {
        return id;
    }

    String commandLine() {
        return commandLine;
    }

    ProcessHandle processHandle() {
        return process.toHandle();
    }

    CommandOutput output() {
        return output;
    }

    /** Done in the MS-WSMV sense: the process exited and all of its output was received. */
    boolean isDone() {
        return !process.isAlive() && output.bothEnded() && output.isEmpty();
    }

    /** Output ended and the process exited (buffered output may remain). */
    boolean finished() {
        return !process.isAlive() && output.bothEnded();
    }

    int exitCode() {
        return process.exitValue();
    }

    void writeStdin(byte[] data, boolean end) throws IOException {
        if (data.length > 0) {
            stdin.write(data);
            stdin.flush();
        }
        if (end) {
            stdin.close();
        }
    }

    /**
     * Kills the process and everything it started (MS-WSMV signal terminate): its descendants, and the members of its
     * process group that were re-parented when their parent exited; then stops the pumps.
     */
    void terminate() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.addAll(ProcessGroups.members(process.pid()).stream().filter(p -> p.pid() != process.pid()).toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            // children first, so their still-living parents reap them; orphans would wait for init to reap them
            ProcessGroups.awaitExit(tree, 1000);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            ProcessGroups.awaitExit(tree, 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.close();
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the pipe is already broken: the process is gone
        }
        for (Thread pump : pumps) {
            try {
                pump.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends SIGTERM to the tree, the closest local equivalent of ctrl_c / ctrl_break. */
    void interrupt() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }
}
