package io.jenkins.plugins.winrmcredssp.testsupport;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback ports for peers that need one chosen up front. */
public final class FreePorts {
    private FreePorts() {
    }

    /**
     * A TCP port that was free on 127.0.0.1 a moment ago. Another process may still take it before the peer binds,
     * so harnesses retry a start that fails to bind.
     */
    public static int allocate() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** A port free for both TCP and UDP on 127.0.0.1 (a KDC listens on both). */
    public static int allocateTcpAndUdp() throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            int port = allocate();
            try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return port;
            } catch (IOException taken) {
                last = taken;
            }
        }
        throw new IOException("no loopback port free for both TCP and UDP", last);
    }
}
