package io.jenkins.plugins.winrmcredssp.protocol.wsman.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A loopback TCP relay that rewrites the next server-to-client chunk matching an armed edit once (text edits on the
 * ISO-8859-1 view, so bytes stay bytes), for responses a well-behaved service never sends.
 */
final class TamperingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final URI target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicReference<UnaryOperator<String>> edit = new AtomicReference<>();
    private final Thread acceptor;

    TamperingProxy(URI target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        this.acceptor = new Thread(this::accept, "tampering-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI endpoint() {
        return URI.create(target.getScheme() + "://127.0.0.1:" + listener.getLocalPort() + target.getPath());
    }

    /** Applies {@code change} to the next response chunk it alters (returns something else than its input). */
    void tamperOnce(UnaryOperator<String> change) {
        edit.set(change);
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listener.accept();
                Socket server = new Socket(target.getHost(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                pump(client.getInputStream(), server.getOutputStream(), false, client, server);
                pump(server.getInputStream(), client.getOutputStream(), true, client, server);
            }
        } catch (IOException e) {
            // closed
        }
    }

    private void pump(InputStream in, OutputStream out, boolean response, Socket a, Socket b) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    byte[] chunk = java.util.Arrays.copyOf(buffer, n);
                    UnaryOperator<String> change = edit.get();
                    if (response && change != null) {
                        String text = new String(chunk, StandardCharsets.ISO_8859_1);
                        String changed = change.apply(text);
                        if (!changed.equals(text) && edit.compareAndSet(change, null)) {
                            chunk = changed.getBytes(StandardCharsets.ISO_8859_1);
                        }
                    }
                    out.write(chunk);
                    out.flush();
                }
            } catch (IOException e) {
                // connection ended
            } finally {
                closeQuietly(a);
                closeQuietly(b);
            }
        }, "tampering-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
