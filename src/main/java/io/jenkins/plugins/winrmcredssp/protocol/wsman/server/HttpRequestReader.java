package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads HTTP/1.1 requests (RFC 9112) from one connection with bounded sizes: the header section and the
 * Content-Length body are both capped, chunked bodies are refused (WinRM clients send Content-Length).
 */
final class HttpRequestReader {
    private static final int MAX_HEADER_FIELDS = 100;

    private final InputStream in;
    private final OutputStream out;
    private final int maxHeaderBytes;
    private final int maxBodyBytes;

    HttpRequestReader(InputStream in, OutputStream out, int maxHeaderBytes, int maxBodyBytes) {
        this.in = in;
        this.out = out;
        this.maxHeaderBytes = maxHeaderBytes;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The next request, or {@code null} when the peer closed the connection between requests. */
    HttpRequest read() throws IOException {
        int[] budget = {maxHeaderBytes};
        String requestLine = readLine(budget, true);
        while (requestLine != null && requestLine.isEmpty()) {
            requestLine = readLine(budget, true); // RFC 9112 §2.2: ignore empty lines before the request line
        }
        if (requestLine == null) {
            return null;
        }
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new HttpMessageException(400, "Bad Request", "Malformed request line");
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        int fields = 0;
        for (String line = readLine(budget, false); !line.isEmpty(); line = readLine(budget, false)) {
            int colon = line.indexOf(':');
            if (colon <= 0 || ++fields > MAX_HEADER_FIELDS) {
                throw new HttpMessageException(400, "Bad Request", "Malformed or too many header fields");
            }
            String name = line.substring(0, colon).trim();
            headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        if (headers.containsKey("transfer-encoding")) {
            throw new HttpMessageException(501, "Not Implemented", "Transfer-Encoding is not supported; send Content-Length");
        }
        int length = contentLength(headers);
        if (headers.getOrDefault("expect", List.of()).stream().anyMatch(v -> v.equalsIgnoreCase("100-continue"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length) {
            throw new HttpMessageException(400, "Bad Request", "Body shorter than Content-Length");
        }
        return new HttpRequest(parts[0], parts[1], parts[2], headers, body);
    }

    private int contentLength(Map<String, List<String>> headers) throws HttpMessageException {
        List<String> values = headers.get("content-length");
        if (values == null) {
            return 0;
        }
        long length;
        try {
            length = Long.parseLong(values.get(0));
        } catch (NumberFormatException e) {
            throw new HttpMessageException(400, "Bad Request", "Content-Length is not a number");
        }
        if (values.stream().distinct().count() > 1 || length < 0) {
            throw new HttpMessageException(400, "Bad Request", "Invalid Content-Length");
        }
        if (length > maxBodyBytes) {
            throw new HttpMessageException(413, "Content Too Large",
                    "Body of " + length + " bytes exceeds the limit of " + maxBodyBytes);
        }
        return (int) length;
    }

    /** A CRLF- (or LF-) terminated line in ISO-8859-1; {@code null} on EOF before its first byte when allowed. */
    private String readLine(int[] budget, boolean eofAllowed) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowed && line.size() == 0) {
                    return null;
                }
                throw new HttpMessageException(400, "Bad Request", "Connection closed inside the header section");
            }
            if (--budget[0] < 0) {
                throw new HttpMessageException(431, "Request Header Fields Too Large",
                        "Header section exceeds " + maxHeaderBytes + " bytes");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, len, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }
}
