package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/** Asserts that a closed service left no thread or process behind. */
final class ServiceLeaks {
    private ServiceLeaks() {
    }

    static List<String> serviceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(LocalWinRmService.THREAD_PREFIX))
                .toList();
    }

    static void assertNothingLeft(LocalWinRmService service, List<ProcessHandle> descendants) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && !serviceThreads().isEmpty()) {
            Thread.sleep(20);
        }
        assertThat(serviceThreads()).as("service threads after close()").isEmpty();
        ProcessGroups.awaitExit(descendants, 5000);
        assertThat(service.shells().liveProcesses()).as("command processes after close()").isEmpty();
        assertThat(descendants.stream().filter(ProcessGroups::isRunning).toList()).as("their children").isEmpty();
        assertThat(service.openConnections()).isZero();
    }
}
