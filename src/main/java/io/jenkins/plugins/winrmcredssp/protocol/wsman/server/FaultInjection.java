package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test hooks that make the service misbehave once at a chosen point. Each armed fault fires once, on whichever
 * connection reaches that point first. Thread-safe.
 */
public final class FaultInjection {
    private final Map<Integer, InjectedFault> authLegs = new ConcurrentHashMap<>();
    private final Map<String, InjectedFault> operations = new ConcurrentHashMap<>();

    /**
     * Fires at authentication leg {@code leg} (1 = the first request carrying {@code Authorization} of an exchange).
     */
    public FaultInjection atAuthenticationLeg(int leg, InjectedFault fault) {
        if (leg < 1) {
            throw new IllegalArgumentException("legs are numbered from 1");
        }
        authLegs.put(leg, fault);
        return this;
    }

    /**
     * Fires at the next authenticated request of this WS-Management operation.
     *
     * @param operation the action's last segment: Create, Command, Send, Receive, Signal or Delete
     */
    public FaultInjection atOperation(String operation, InjectedFault fault) {
        operations.put(operation, fault);
        return this;
    }

    /** Disarms everything. */
    public void clear() {
        authLegs.clear();
        operations.clear();
    }

    Optional<InjectedFault> takeAuthLeg(int leg) {
        return Optional.ofNullable(authLegs.remove(leg));
    }

    Optional<InjectedFault> takeOperation(String action) {
        String operation = action.substring(action.lastIndexOf('/') + 1);
        return Optional.ofNullable(operations.remove(operation));
    }
}
