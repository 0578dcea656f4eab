package io.jenkins.plugins.winrmcredssp.runner;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.WinRmClient;
import java.io.IOException;

/** An authenticated connection to a WinRM service; {@link #close()} releases its HTTP connection. */
public interface WinRmSession extends AutoCloseable {
    /** The client that opens shells over this session. */
    WinRmClient client();

    /**
     * What was negotiated, for the build log: e.g. TLS version, CredSSP version, inner mechanism. Never a secret.
     * May be empty before the first exchange when authentication happens lazily.
     */
    String negotiated();

    @Override
    void close() throws IOException;
}
