package io.jenkins.plugins.winrmcredssp.protocol.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One kept-alive HTTP/1.1 connection: CredSSP needs every leg and every encrypted message on the same TCP (and outer
 * TLS) connection, which this makes explicit instead of trusting a connection pool. Bodies with Content-Length or
 * chunked transfer coding; at most {@value #MAX_BODY} bytes.
 */
final class HttpConnection implements AutoCloseable {
    static final int MAX_BODY = 64 * 1024 * 1024;
    private static final int MAX_LINE = 16 * 1024;

    record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        String header(String name) {
            return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        boolean closesConnection() {
            return "close".equalsIgnoreCase(header("Connection"));
        }
    }

    private final URI endpoint;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** @param tls {@code null} for http:// */
    HttpConnection(URI endpoint, SSLContext tls, Duration connectTimeout, Duration readTimeout) throws IOException {
        this.endpoint = endpoint;
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : tls != null ? 443 : 80;
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(endpoint.getHost(), port), (int) connectTimeout.toMillis());
            plain.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            plain.setTcpNoDelay(true);
            if (tls != null) {
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(plain, endpoint.getHost(), port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                socket = ssl;
            } else {
                socket = plain;
            }
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** The outer TLS protocol and cipher suite, or {@code null} on http://. */
    String outerTls() {
        return socket instanceof SSLSocket ssl
                ? ssl.getSession().getProtocol() + " " + ssl.getSession().getCipherSuite()
                : null;
    }

    Response post(Map<String, String> headers, byte[] body) throws IOException {
        String path = endpoint.getRawPath() + (endpoint.getRawQuery() == null ? "" : "?" + endpoint.getRawQuery());
        String host = endpoint.getPort() > 0 ? endpoint.getHost() + ":" + endpoint.getPort() : endpoint.getHost();
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\nUser-Agent: winrm-credssp-cli\r\nConnection: keep-alive\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
        return read();
    }

    private Response read() throws IOException {
        String status = line();
        if (status == null) {
            throw new ConnectionClosedException("the server closed the connection instead of answering");
        }
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line from the server: '" + abbreviate(status) + "'");
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status code '" + abbreviate(parts[1]) + "'");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        long length = -1;
        boolean chunked = false;
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new IOException("bad HTTP header line '" + abbreviate(l) + "'");
            }
            String name = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            headers.add(Map.entry(name, value));
            switch (name.toLowerCase(Locale.ROOT)) {
                case "content-length" -> length = parseLength(value, 10);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                default -> { }
            }
        }
        byte[] body = chunked ? chunkedBody() : fixedBody(length < 0 ? 0 : length);
        return new Response(code, headers, body);
    }

    private byte[] fixedBody(long length) throws IOException {
        if (length > MAX_BODY) {
            throw new IOException("HTTP body of " + length + " bytes exceeds the limit of " + MAX_BODY);
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) {
            throw new ConnectionClosedException("the server closed the connection in the middle of a response");
        }
        return body;
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line();
            if (sizeLine == null) {
                throw new ConnectionClosedException("the server closed the connection in the middle of a chunked response");
            }
            int semicolon = sizeLine.indexOf(';');
            long size = parseLength(semicolon < 0 ? sizeLine.trim() : sizeLine.substring(0, semicolon).trim(), 16);
            if (size == 0) {
                for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
                    // trailers carry nothing WinRM uses
                }
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY) {
                throw new IOException("chunked HTTP body exceeds the limit of " + MAX_BODY + " bytes");
            }
            body.write(fixedBody(size));
            line();
        }
    }

    private static long parseLength(String text, int radix) throws IOException {
        try {
            long value = Long.parseLong(text, radix);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException("bad HTTP length '" + abbreviate(text) + "'");
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (b.size() >= MAX_LINE) {
                throw new IOException("HTTP line longer than " + MAX_LINE + " bytes");
            }
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The server ended the connection where a response was expected. */
    static final class ConnectionClosedException extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectionClosedException(String message) {
            super(message);
        }
    }
}
