package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An HTTP/1.1 response with a Content-Length body; header fields may repeat (several WWW-Authenticate offers). */
final class HttpResponse {
    private final int status;
    private final String reason;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private final byte[] body;
    private boolean close;

    HttpResponse(int status, String reason, byte[] body) {
        this.status = status;
        this.reason = reason;
        this.body = body;
    }

    static HttpResponse text(int status, String reason, String message) {
        return new HttpResponse(status, reason, message.getBytes(StandardCharsets.UTF_8))
                .header("Content-Type", "text/plain;charset=UTF-8");
    }

    static HttpResponse empty(int status, String reason) {
        return new HttpResponse(status, reason, new byte[0]);
    }

    HttpResponse header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    HttpResponse closeConnection() {
        close = true;
        return this;
    }

    int status() {
        return status;
    }

    boolean closesConnection() {
        return close;
    }

    List<Map.Entry<String, String>> headers() {
        return headers;
    }

    byte[] body() {
        return body;
    }

    void writeTo(OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
        head.append("Server: LocalWinRmService\r\n");
        for (Map.Entry<String, String> h : headers) {
            head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        head.append("Connection: ").append(close ? "close" : "keep-alive").append("\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }
}
