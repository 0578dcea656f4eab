package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One HTTP/1.1 request as read from the wire (RFC 9112 §3): request line, header fields and the whole body. */
final class HttpRequest {
    private final String method;
    private final String target;
    private final String version;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    HttpRequest(String method, String target, String version, Map<String, List<String>> headers, byte[] body) {
        this.method = method;
        this.target = target;
        this.version = version;
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        this.headers = Collections.unmodifiableMap(copy);
        this.body = body;
    }

    String method() {
        return method;
    }

    String target() {
        return target;
    }

    String version() {
        return version;
    }

    /** The first value of a header field, matched case-insensitively. */
    Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    int bodyLength() {
        return body.length;
    }

    byte[] bodyUnsafe() {
        return body;
    }

    /** Whether the client asked to close the connection after this exchange (RFC 9112 §9.3). */
    boolean wantsClose() {
        String connection = header("Connection").orElse("").toLowerCase(Locale.ROOT);
        if ("HTTP/1.0".equals(version)) {
            return !connection.contains("keep-alive");
        }
        return connection.contains("close");
    }
}
