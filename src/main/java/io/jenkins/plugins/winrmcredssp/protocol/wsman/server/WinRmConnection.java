package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLSocket;

/**
 * One client connection, served by one thread: reads requests in order, owns the connection's authentication
 * exchange and message sealing (connection-bound authentication, MS-WSMV §2.2.9), and answers each request.
 */
final class WinRmConnection implements Runnable {
    private static final Logger LOG = Logger.getLogger(WinRmConnection.class.getName());
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml;charset=UTF-8";

    private final LocalWinRmService service;
    private final Socket plain;
    private final Socket socket;
    private final long id;
    private ConnectionInfo info;

    private AuthExchange exchange;
    private String exchangeScheme;
    private boolean exchangeComplete;
    private int leg;
    private EncryptedMessage sealing;

    /**
     * @param plain the accepted TCP socket
     * @param socket the socket requests travel on: {@code plain}, or TLS layered over it
     */
    WinRmConnection(LocalWinRmService service, Socket plain, Socket socket, long id) {
        this.service = service;
        this.plain = plain;
        this.socket = socket;
        this.id = id;
    }

    /** Closes the TCP socket under any TLS layer: immediate, and wakes the thread blocked reading. */
    void closeSocket() {
        try {
            plain.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void run() {
        try (plain; socket) {
            socket.setSoTimeout((int) service.config().idleTimeout().toMillis());
            socket.setTcpNoDelay(true);
            if (socket instanceof SSLSocket ssl) {
                ssl.startHandshake();
                info = new ConnectionInfo(id, (InetSocketAddress) socket.getRemoteSocketAddress(), ssl.getSession());
            } else {
                info = new ConnectionInfo(id, (InetSocketAddress) socket.getRemoteSocketAddress(), null);
            }
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            HttpRequestReader reader = new HttpRequestReader(new BufferedInputStream(socket.getInputStream()), out,
                    service.config().maxHeaderBytes(), service.config().maxBodyBytes());
            while (!service.isClosing()) {
                HttpRequest request;
                try {
                    request = reader.read();
                } catch (HttpMessageException e) {
                    e.toResponse().writeTo(out);
                    return;
                }
                if (request == null) {
                    return;
                }
                HttpResponse response;
                try {
                    response = respond(request);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "connection " + id + ": internal error", e);
                    resetExchange();
                    response = HttpResponse.text(500, "Internal Server Error", "internal error of the local WinRM service\n")
                            .closeConnection();
                }
                if (response == null) {
                    return; // injected: drop the connection
                }
                if (request.wantsClose()) {
                    response.closeConnection();
                }
                response.writeTo(out);
                if (response.closesConnection()) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            LOG.log(Level.FINE, "connection {0} idle, closing", id);
        } catch (IOException e) {
            LOG.log(Level.FINE, "connection " + id + " ended: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            resetExchange();
            service.connectionEnded(this);
        }
    }

    private HttpResponse respond(HttpRequest request) throws InterruptedException {
        String path = request.target().split("\\?", 2)[0];
        if (!"/wsman".equalsIgnoreCase(path)) {
            return HttpResponse.text(404, "Not Found", "Only /wsman is served here\n");
        }
        if (!"POST".equals(request.method())) {
            return HttpResponse.text(405, "Method Not Allowed", "WS-Management uses POST\n").header("Allow", "POST");
        }
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isPresent()) {
            return authenticate(request, authorization.get());
        }
        if (exchangeComplete && exchange.bindsConnection()) {
            return serve(request);
        }
        return unauthorized();
    }

    private HttpResponse authenticate(HttpRequest request, String authorization) throws InterruptedException {
        String[] parts = authorization.trim().split("\\s+", 2);
        Optional<HttpAuthenticator> authenticator = service.authenticator(parts[0], info);
        if (authenticator.isEmpty()) {
            resetExchange();
            return unauthorized();
        }
        String scheme = authenticator.get().scheme();
        if (exchange == null || exchangeComplete || !scheme.equals(exchangeScheme)) {
            resetExchange();
            exchange = authenticator.get().newExchange(info);
            exchangeScheme = scheme;
        }
        leg++;
        Optional<InjectedFault> fault = service.faults().takeAuthLeg(leg);
        if (fault.isPresent()) {
            return injectAtLeg(fault.get(), scheme);
        }
        AuthStep step;
        try {
            byte[] token = Base64.getDecoder().decode(parts.length > 1 ? parts[1].trim() : "");
            step = exchange.step(token);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.FINE, "connection {0}: {1} token is not base64", new Object[] {id, scheme});
            resetExchange();
            return unauthorized();
        } catch (ProtocolException e) {
            LOG.log(Level.FINE, "connection {0}: {1} authentication failed: {2}", new Object[] {id, scheme, e.getMessage()});
            resetExchange();
            Optional<byte[]> refusal = e instanceof AuthenticationFailedException failed ? failed.replyToken() : Optional.empty();
            if (refusal.isPresent()) {
                return HttpResponse.empty(401, "Unauthorized")
                        .header("WWW-Authenticate", scheme + " " + Base64.getEncoder().encodeToString(refusal.get()))
                        .closeConnection();
            }
            return unauthorized();
        }
        if (!step.complete()) {
            return HttpResponse.empty(401, "Unauthorized")
                    .header("WWW-Authenticate", scheme + " " + Base64.getEncoder().encodeToString(step.replyToken()));
        }
        exchangeComplete = true;
        sealing = exchange.sealing().orElse(null);
        HttpResponse response = serve(request);
        if (response != null && step.replyToken() != null) {
            response.header("WWW-Authenticate", scheme + " " + Base64.getEncoder().encodeToString(step.replyToken()));
        }
        return response;
    }

    private HttpResponse injectAtLeg(InjectedFault fault, String scheme) {
        resetExchange();
        switch (fault) {
            case DROP_CONNECTION:
                return null;
            case HTTP_500:
                return HttpResponse.text(500, "Internal Server Error", "injected failure at an authentication leg\n");
            default:
                byte[] garbage = new byte[32];
                new Random(leg).nextBytes(garbage);
                return HttpResponse.empty(401, "Unauthorized")
                        .header("WWW-Authenticate", scheme + " " + Base64.getEncoder().encodeToString(garbage));
        }
    }

    /** The authenticated part: decrypt, run the WS-Management operation, encrypt the answer like the request. */
    private HttpResponse serve(HttpRequest request) throws InterruptedException {
        String contentType = request.header("Content-Type").orElse("");
        boolean encrypted = EncryptedMessage.isEncrypted(contentType);
        byte[] soap;
        if (encrypted) {
            if (sealing == null) {
                return HttpResponse.text(400, "Bad Request",
                        "Encrypted body, but the authentication of this connection provides no message encryption\n");
            }
            try {
                soap = sealing.decode(contentType, request.bodyUnsafe());
            } catch (IOException e) {
                return HttpResponse.text(400, "Bad Request", "Cannot decrypt the body: " + e.getMessage() + "\n").closeConnection();
            }
        } else if (request.bodyLength() == 0) {
            return HttpResponse.empty(200, "OK"); // authentication-only request (pywinrm's session setup)
        } else if (!info.https()) {
            return HttpResponse.text(400, "Bad Request",
                    "Unencrypted SOAP bodies are refused on HTTP (AllowUnencrypted=false): use message encryption or HTTPS\n");
        } else {
            soap = request.bodyUnsafe();
        }
        byte[] xml;
        int status;
        String relatesTo = null;
        try {
            WsManRequest wsman = WsManRequest.parse(soap);
            relatesTo = wsman.messageId();
            Optional<InjectedFault> fault = service.faults().takeOperation(wsman.action());
            if (fault.isPresent()) {
                return injectAtOperation(fault.get(), encrypted);
            }
            xml = service.operations().handle(wsman).toBytes();
            status = 200;
        } catch (WsManFault fault) {
            xml = SoapWriter.fault(fault, relatesTo).toBytes();
            status = 500;
        }
        return soapResponse(status, xml, encrypted);
    }

    private HttpResponse injectAtOperation(InjectedFault fault, boolean encrypted) {
        switch (fault) {
            case DROP_CONNECTION:
                return null;
            case HTTP_500:
                return HttpResponse.text(500, "Internal Server Error", "injected failure\n");
            default:
                return soapResponse(200, "<s:Envelope this is not XML".getBytes(StandardCharsets.UTF_8), encrypted);
        }
    }

    private HttpResponse soapResponse(int status, byte[] xml, boolean encrypted) {
        String reason = status == 200 ? "OK" : "Internal Server Error";
        if (!encrypted) {
            return new HttpResponse(status, reason, xml).header("Content-Type", SOAP_CONTENT_TYPE);
        }
        try {
            EncryptedMessage.Encoded encoded = sealing.encode(xml);
            return new HttpResponse(status, reason, encoded.body()).header("Content-Type", encoded.contentType());
        } catch (IOException e) {
            return HttpResponse.text(500, "Internal Server Error", "Cannot encrypt the response\n").closeConnection();
        }
    }

    private HttpResponse unauthorized() {
        HttpResponse response = HttpResponse.empty(401, "Unauthorized");
        for (HttpAuthenticator a : service.offeredAuthenticators(info)) {
            response.header("WWW-Authenticate", a.offer());
        }
        return response;
    }

    private void resetExchange() {
        if (exchange != null) {
            exchange.close();
        }
        exchange = null;
        exchangeScheme = null;
        exchangeComplete = false;
        sealing = null;
        leg = 0;
    }
}
