package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A test client that speaks raw HTTP/1.1 on one kept-alive connection, so tests control every byte and leg. */
final class RawHttpClient implements AutoCloseable {
    record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        List<String> headers(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).toList();
        }

        String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        boolean closesConnection() {
            return "close".equalsIgnoreCase(header("Connection"));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttpClient(URI endpoint, String... tlsProtocols) throws Exception {
        if ("https".equals(endpoint.getScheme())) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustAll()}, null);
            SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", endpoint.getPort());
            if (tlsProtocols.length > 0) {
                ssl.setEnabledProtocols(tlsProtocols);
            }
            ssl.startHandshake();
            socket = ssl;
        } else {
            socket = new Socket("127.0.0.1", endpoint.getPort());
        }
        socket.setSoTimeout(30_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    Response post(String path, Map<String, String> headers, byte[] body) throws IOException {
        return send("POST", path, headers, body);
    }

    Response send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return read();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Response read() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed before a response");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int length = 0;
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            String name = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            headers.add(Map.entry(name, value));
            if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(value);
            }
        }
        byte[] body = in.readNBytes(length);
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    /** True when the server closed the connection (EOF or reset) within the socket timeout. */
    boolean closedByPeer() {
        try {
            return in.read() < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
