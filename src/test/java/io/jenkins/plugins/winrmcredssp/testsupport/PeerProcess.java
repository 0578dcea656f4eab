package io.jenkins.plugins.winrmcredssp.testsupport;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process an interop test starts: its stdout lines are queued for a line protocol, stdout and stderr are both
 * captured as its log, every wait is bounded, and {@link #close()} stops it together with its descendants (a JVM
 * shutdown hook does the same if a test run is cut short).
 */
public final class PeerProcess implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final int LOG_TAIL_CHARS = 4000;
    /** Queued after stdout's last line; compared by identity. */
    private static final String END_OF_OUTPUT = new String("<end of output>");

    private final String name;
    private final Process process;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final StringBuilder log = new StringBuilder();
    private final Writer stdin;
    private final Thread shutdownHook;
    /** stdout and stderr pumps still reading; guarded by {@link #log}. */
    private int openStreams = 2;

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.shutdownHook = new Thread(this::kill, "stop " + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        pump(process.getInputStream(), true);
        pump(process.getErrorStream(), false);
    }

    /** Starts {@code builder}'s command; {@code name} labels it in messages. */
    public static PeerProcess start(String name, ProcessBuilder builder) throws IOException {
        return new PeerProcess(name, builder.start());
    }

    /** Runs a command to completion within {@code timeout}; its exit code and combined output. */
    public static Completed run(String name, ProcessBuilder builder, Duration timeout) throws IOException {
        return run(name, builder, "", timeout);
    }

    /** Like {@link #run(String, ProcessBuilder, Duration)}, writing {@code input} to the command's stdin first. */
    public static Completed run(String name, ProcessBuilder builder, String input, Duration timeout)
            throws IOException {
        try (PeerProcess p = start(name, builder)) {
            try {
                p.stdin.write(input);
                p.stdin.close();
            } catch (IOException e) {
                // The command may exit (and close its stdin) before reading anything, e.g. kinit refusing an unknown
                // principal before its password prompt (broken pipe / stream closed): its exit code and output,
                // awaited below within the timeout, tell what happened.
            }
            int exitCode = p.waitFor(timeout);
            p.awaitOutputDrained(timeout);
            return new Completed(exitCode, p.output());
        }
    }

    /** Like {@link #run} but fails unless the exit code is 0. */
    public static String runChecked(String name, ProcessBuilder builder, Duration timeout) throws IOException {
        Completed c = run(name, builder, timeout);
        if (c.exitCode() != 0) {
            throw new IOException(name + " exited with " + c.exitCode() + ":\n" + tail(c.output()));
        }
        return c.output();
    }

    /** Exit code and stdout+stderr of a finished command. */
    public record Completed(int exitCode, String output) {
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends one line to the process's stdin. */
    public void writeLine(String line) throws IOException {
        stdin.write(line);
        stdin.write('\n');
        stdin.flush();
    }

    /** The next stdout line, waiting at most {@code timeout}; fails when the process ends first or stays silent. */
    public String nextLine(Duration timeout) throws IOException {
        String line;
        try {
            line = stdoutLines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + name);
        }
        if (line == null) {
            throw new IOException(name + " did not answer within " + timeout + "; its log ends with:\n" + tail(output()));
        }
        if (line == END_OF_OUTPUT) {
            stdoutLines.add(END_OF_OUTPUT);
            throw new EOFException(name + " closed its output (" + exitDescription() + "); its log ends with:\n"
                    + tail(output()));
        }
        return line;
    }

    /** Waits until stdout or stderr has shown {@code text}; fails when the process exits first or on timeout. */
    public void awaitOutput(String text, Duration timeout) throws IOException {
        awaitOutput(text, 0, timeout);
    }

    /**
     * Like {@link #awaitOutput(String, Duration)}, looking only at output from position {@code since} of
     * {@link #output()} on (take it from {@link #outputLength()} before the action whose effect you expect).
     */
    public void awaitOutput(String text, int since, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            while (log.indexOf(text, since) < 0) {
                long left = deadline - System.nanoTime();
                if (!process.isAlive() && streamsDrained()) {
                    throw new EOFException(name + " " + exitDescription() + " before printing '" + text
                            + "'; its log ends with:\n" + tail(log.toString()));
                }
                if (left <= 0) {
                    throw new IOException(name + " did not print '" + text + "' within " + timeout
                            + "; its log ends with:\n" + tail(log.toString()));
                }
                try {
                    log.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for " + name);
                }
            }
        }
    }

    /** The length of {@link #output()} so far: a mark for {@link #awaitOutput(String, int, Duration)}. */
    public int outputLength() {
        synchronized (log) {
            return log.length();
        }
    }

    public boolean outputContains(String text) {
        synchronized (log) {
            return log.indexOf(text) >= 0;
        }
    }

    /** Everything the process printed so far, stdout and stderr interleaved by line. */
    public String output() {
        synchronized (log) {
            return log.toString();
        }
    }

    /** Waits for the process to exit; destroys it and fails when it takes longer than {@code timeout}. */
    public int waitFor(Duration timeout) throws IOException {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IOException(name + " did not exit within " + timeout + "; its log ends with:\n"
                        + tail(output()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new InterruptedIOException("interrupted while waiting for " + name + " to exit");
        }
        return process.exitValue();
    }

    /** Stops the process and its descendants: SIGTERM, then SIGKILL after a short grace period. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // the process may already be gone
        }
        List<ProcessHandle> handles = processTree();
        handles.forEach(ProcessHandle::destroy);
        if (!awaitExit(handles, STOP_GRACE)) {
            kill(handles);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }

    /** The last part of a log, enough to diagnose a failure without flooding the report. */
    public static String tail(String text) {
        return text.length() <= LOG_TAIL_CHARS ? text : "..." + text.substring(text.length() - LOG_TAIL_CHARS);
    }

    /** Waits, bounded, for every handle to end; whether all did. */
    private static boolean awaitExit(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : handles) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** SIGKILL to the process and its descendants, then a bounded wait for them to be gone. */
    private void kill() {
        kill(processTree());
        try {
            // The handle may report the exit before the Process object has reaped it; wait for that too.
            process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void kill(List<ProcessHandle> handles) {
        handles.forEach(ProcessHandle::destroyForcibly);
        awaitExit(handles, STOP_GRACE);
    }

    private List<ProcessHandle> processTree() {
        List<ProcessHandle> handles = new ArrayList<>(List.of(process.toHandle()));
        handles.addAll(process.descendants().toList());
        return handles;
    }

    private String exitDescription() {
        return process.isAlive() ? "still running" : "exited with " + process.exitValue();
    }

    private boolean streamsDrained() {
        return openStreams == 0;
    }

    private void awaitOutputDrained(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            while (!streamsDrained()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IOException(name + " exited but its output did not end within " + timeout);
                }
                try {
                    log.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading " + name + "'s output");
                }
            }
        }
    }

    private void pump(InputStream stream, boolean queueLines) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    // In the log first, so a caller that has the line from nextLine also finds it in output().
                    synchronized (log) {
                        log.append(line).append('\n');
                        log.notifyAll();
                    }
                    if (queueLines) {
                        stdoutLines.add(line);
                    }
                }
            } catch (IOException closed) {
                // the process was destroyed
            } finally {
                if (queueLines) {
                    stdoutLines.add(END_OF_OUTPUT);
                }
                synchronized (log) {
                    openStreams--;
                    log.notifyAll();
                }
            }
        }, name + (queueLines ? " stdout" : " stderr"));
        t.setDaemon(true);
        t.start();
    }
}
