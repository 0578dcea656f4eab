package io.jenkins.plugins.winrmcredssp.protocol.cli;

import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspClientContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspException;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsRecord;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.SessionSealer;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.WsmanTransport;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * WS-Management over HTTP(S) authenticated with CredSSP ([MS-CSSP] §3.1.5 carried in {@code Authorization: CredSSP}
 * headers, [MS-WSMV] §2.2.9.1.3 message encryption on http://): every leg on one {@link HttpConnection}; the first
 * SOAP request rides on the leg that delivers the credentials, as Windows clients do.
 */
final class CredSspHttpTransport implements WsmanTransport, AutoCloseable {
    private static final String SOAP_TYPE = "application/soap+xml;charset=UTF-8";

    private final HttpConnection http;
    private final CredSspClientContext context;
    private final boolean encrypt;
    private EncryptedMessage sealing;
    private int legs;

    CredSspHttpTransport(HttpConnection http, CredSspClientContext context, boolean encrypt) {
        this.http = http;
        this.context = context;
        this.encrypt = encrypt;
    }

    @Override
    public byte[] exchange(byte[] soapRequest) throws IOException {
        boolean credentialLeg = sealing == null;
        HttpConnection.Response response;
        if (credentialLeg) {
            try {
                response = authenticate(soapRequest);
            } catch (CredSspException e) {
                throw e;
            } catch (IOException e) {
                throw new StageFailure(ExitStatus.CONNECTION, "CredSSP " + context.stage().describe(context.authenticationRound())
                        + " (HTTP leg " + legs + ")", e);
            }
        } else {
            response = send(soapRequest, Map.of());
        }
        if (response.status() == 401) {
            throw credentialLeg
                    ? CredSspException.delegationRefused(context.authenticationRound(), "HTTP 401 to the credential leg")
                    : new IOException("HTTP 401: the server no longer accepts this CredSSP session");
        }
        if (response.status() != 200 && response.status() != 500) {
            throw new IOException("HTTP " + response.status() + " from the WinRM service");
        }
        byte[] body = response.body();
        if (EncryptedMessage.isEncrypted(response.header("Content-Type"))) {
            body = sealing.decode(response.header("Content-Type"), body);
        } else if (encrypt && body.length > 0) {
            throw new IOException("the server answered HTTP " + response.status() + " without message encryption");
        }
        if (body.length == 0) {
            throw new IOException("HTTP " + response.status() + " with an empty body from the WinRM service");
        }
        return body;
    }

    private HttpConnection.Response authenticate(byte[] firstRequest) throws IOException {
        byte[] token = context.step(null);
        while (true) {
            legs++;
            Map<String, String> headers = Map.of("Authorization", "CredSSP " + Base64.getEncoder().encodeToString(token));
            if (context.isComplete()) {
                sealing = new EncryptedMessage(new Sealer(context), context.maxWrapLength());
                return send(firstRequest, headers);
            }
            HttpConnection.Response response;
            try {
                response = http.post(headers, new byte[0]);
            } catch (HttpConnection.ConnectionClosedException e) {
                context.peerClosed();
                throw e;
            }
            String challenge = response.header("WWW-Authenticate");
            if (response.status() != 401 || challenge == null || !challenge.regionMatches(true, 0, "CredSSP ", 0, 8)) {
                if (response.status() == 401 && context.authenticationRound() == 0 && legs == 1) {
                    throw new CredSspException(context.stage(), 0, "the server does not offer CredSSP (WWW-Authenticate: "
                            + response.header("WWW-Authenticate") + "): enable it with Enable-WSManCredSSP -Role Server");
                }
                if (response.closesConnection() || response.status() == 401) {
                    context.peerClosed();
                }
                throw new IOException("HTTP " + response.status() + " during CredSSP " + context.stage().displayName());
            }
            token = context.step(Base64.getDecoder().decode(challenge.substring(8).trim()));
        }
    }

    private HttpConnection.Response send(byte[] soap, Map<String, String> authorization) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(authorization);
        byte[] body = soap;
        if (encrypt) {
            EncryptedMessage.Encoded encoded = sealing.encode(soap);
            headers.put("Content-Type", encoded.contentType());
            body = encoded.body();
        } else {
            headers.put("Content-Type", SOAP_TYPE);
        }
        return http.post(headers, body);
    }

    SessionInfo sessionInfo() {
        return new SessionInfo(http.outerTls(), context.tlsProtocol(), context.tlsCipherSuite(),
                context.negotiatedVersion(), context.innerMechanism().displayName(), legs);
    }

    @Override
    public void close() throws IOException {
        context.close();
        http.close();
    }

    /** [MS-WSMV] §2.2.9.1.3: one TLS record of the CredSSP channel per encrypted part. */
    private record Sealer(CredSspClientContext context) implements SessionSealer {
        @Override
        public String protocol() {
            return EncryptedMessage.CREDSSP_PROTOCOL;
        }

        @Override
        public Sealed wrap(byte[] plaintext) throws IOException {
            TlsRecord record = context.wrap(plaintext);
            return new Sealed(record.trailerLength(), record.bytes());
        }

        @Override
        public byte[] unwrap(Sealed sealed) throws IOException {
            return context.unwrap(sealed.data());
        }
    }
}
