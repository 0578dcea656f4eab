package io.jenkins.plugins.winrmcredssp.runner;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.ShellOptions;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmShell;
import java.io.IOException;

/** An authenticated connection to a WinRM service; {@link #close()} deletes shells left open and disconnects. */
public interface WinRmSession extends AutoCloseable {
    /** Creates a remote shell; close it to delete it on the server. */
    WinRmShell openShell(ShellOptions options) throws IOException;

    /**
     * What was negotiated, for the build log: e.g. TLS version, CredSSP version, inner mechanism. Never a secret.
     * Empty until an operation has authenticated the connection.
     */
    String negotiated();

    @Override
    void close() throws IOException;
}
