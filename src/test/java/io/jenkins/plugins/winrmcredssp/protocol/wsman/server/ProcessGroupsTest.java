package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessGroupsTest {
    private final List<Process> leaders = new ArrayList<>();

    @AfterEach
    void killEverything() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process leader : leaders) {
            all.addAll(ProcessGroups.members(leader.pid()));
            all.add(leader.toHandle());
        }
        all.forEach(ProcessHandle::destroyForcibly);
        ProcessGroups.awaitExit(all, 5000);
    }

    @Test
    void oneScanFindsTheMembersOfSeveralGroupsIncludingOrphanedJobs() throws Exception {
        assumeTrue(!ProcessGroups.newSessionPrefix().isEmpty(), "needs setsid");
        Process first = start();
        Process second = start();
        Process other = start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && (ProcessGroups.members(first.pid()).size() < 2
                || ProcessGroups.members(second.pid()).size() < 2)) {
            Thread.sleep(20);
        }

        List<ProcessHandle> members = ProcessGroups.members(Set.of(first.pid(), second.pid()));

        List<ProcessHandle> expected = new ArrayList<>(ProcessGroups.members(first.pid()));
        expected.addAll(ProcessGroups.members(second.pid()));
        assertThat(expected).hasSizeGreaterThanOrEqualTo(4);
        assertThat(members).containsExactlyInAnyOrderElementsOf(expected)
                .doesNotContainAnyElementsOf(ProcessGroups.members(other.pid()));
    }

    /** A group leader whose background job stays in its group. */
    private Process start() throws Exception {
        List<String> argv = new ArrayList<>(ProcessGroups.newSessionPrefix());
        argv.addAll(List.of("/bin/sh", "-c", "sleep 60 & exec sleep 60"));
        Process process = new ProcessBuilder(argv).start();
        leaders.add(process);
        return process;
    }
}
