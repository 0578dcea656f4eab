package io.jenkins.plugins.winrmcredssp.protocol.cli;

import java.nio.file.Path;

/**
 * How the outer HTTPS certificate is checked: the JVM's trust store, a PEM CA file, a pinned SHA-256 thumbprint
 * (64 hex digits, colons allowed), or not at all ({@code --insecure}).
 */
public record ServerTrust(Kind kind, Path caFile, String sha256Thumbprint) {
    public enum Kind { DEFAULT, CA_FILE, THUMBPRINT, INSECURE }

    public static ServerTrust defaults() {
        return new ServerTrust(Kind.DEFAULT, null, null);
    }
}
