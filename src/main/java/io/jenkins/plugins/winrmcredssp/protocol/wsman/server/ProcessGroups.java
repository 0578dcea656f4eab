package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Linux process groups, read from {@code /proc/<pid>/stat} (proc(5)): a command started through {@code setsid} leads
 * its own group, and background jobs it leaves behind stay in that group after being re-parented, so killing the
 * group ends them too, as closing a Windows job object does.
 */
final class ProcessGroups {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ProcessGroups() {
    }

    /** The prefix that starts a command as the leader of a new session and process group, when available. */
    static List<String> newSessionPrefix() {
        return Files.isExecutable(SETSID) ? List.of(SETSID.toString()) : List.of();
    }

    /** Live members of process group {@code pgid}. */
    static List<ProcessHandle> members(long pgid) {
        return members(Set.of(pgid));
    }

    /** Live members of any of these process groups, in one pass over the process table. */
    static List<ProcessHandle> members(Set<Long> pgids) {
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.allProcesses().forEach(p -> stat(p.pid()).ifPresent(s -> {
            if (pgids.contains(s.pgrp()) && s.state() != 'Z') {
                out.add(p);
            }
        }));
        return out;
    }

    /** Running in the sense of not yet exited: a zombie waiting for its parent to reap it counts as gone. */
    static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && stat(process.pid()).map(s -> s.state() != 'Z').orElse(false);
    }

    /** Polls until all have exited (zombies included as exited) or the time is up. */
    static void awaitExit(List<ProcessHandle> processes, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (processes.stream().anyMatch(ProcessGroups::isRunning) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private record Stat(char state, long pgrp) {
    }

    /** Fields 3 (state) and 5 (pgrp) of /proc/[pid]/stat; the command name (field 2) may hold spaces and ')'. */
    private static Optional<Stat> stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[2])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // exited meanwhile, or not Linux
        }
    }
}
