package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A minimal WS-Man client for the service's tests: Basic on HTTPS (header on every request) or the test
 * Negotiate exchange with {@link GcmTestContext} sealing on HTTP, over one kept-alive {@link RawHttpClient}.
 */
final class WsManTestClient implements AutoCloseable {
    record Reply(int status, Document xml) {
        String text(String localName) {
            NodeList nodes = xml.getElementsByTagNameNS("*", localName);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }

        String wsmanFaultCode() {
            NodeList nodes = xml.getElementsByTagNameNS("http://schemas.microsoft.com/wbem/wsman/1/wsmanfault", "WSManFault");
            return nodes.getLength() == 0 ? null : ((Element) nodes.item(0)).getAttribute("Code");
        }
    }

    record Output(String stdout, String stderr, int exitCode) {
    }

    final RawHttpClient http;
    private final String basic;
    private final GcmTestContext context;
    final EncryptedMessage sealing;

    private WsManTestClient(RawHttpClient http, String basic, GcmTestContext context) {
        this.http = http;
        this.basic = basic;
        this.context = context;
        this.sealing = context == null ? null : EncryptedMessage.spnego(new SecurityContextSealing(context));
    }

    static WsManTestClient basic(URI endpoint, String user, String password) throws Exception {
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new WsManTestClient(new RawHttpClient(endpoint), "Basic " + token, null);
    }

    /** Runs the two-leg test exchange on a new connection; the last leg carries no body. */
    static WsManTestClient negotiated(URI endpoint, String secret) throws Exception {
        RawHttpClient http = new RawHttpClient(endpoint);
        GcmTestContext context = new GcmTestContext(false, secret);
        RawHttpClient.Response challenge = http.post("/wsman",
                Map.of("Authorization", "Negotiate " + b64(context.step(null))), new byte[0]);
        assertThat(challenge.status()).isEqualTo(401);
        byte[] serverToken = Base64.getDecoder().decode(challenge.header("WWW-Authenticate").substring("Negotiate ".length()));
        RawHttpClient.Response done = http.post("/wsman",
                Map.of("Authorization", "Negotiate " + b64(context.step(serverToken))), new byte[0]);
        assertThat(done.status()).isEqualTo(200);
        return new WsManTestClient(http, null, context);
    }

    Reply call(byte[] soap) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = soap;
        if (basic != null) {
            headers.put("Authorization", basic);
            headers.put("Content-Type", "application/soap+xml;charset=UTF-8");
        } else {
            EncryptedMessage.Encoded encoded = sealing.encode(soap);
            headers.put("Content-Type", encoded.contentType());
            body = encoded.body();
        }
        RawHttpClient.Response response = http.post("/wsman", headers, body);
        byte[] xml = response.body();
        if (sealing != null) {
            assertThat(response.header("Content-Type")).contains("protocol=\"application/HTTP-SPNEGO-session-encrypted\"");
            xml = sealing.decode(response.header("Content-Type"), xml);
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        return new Reply(response.status(), document);
    }

    String createShell(String workingDirectory, String envName, String envValue) throws Exception {
        Reply reply = call(SoapRequests.create(workingDirectory, envName, envValue));
        assertThat(reply.status()).isEqualTo(200);
        return reply.text("ShellId");
    }

    String command(String shellId, String command) throws Exception {
        Reply reply = call(SoapRequests.command(shellId, command));
        assertThat(reply.status()).as("Command reply %s", reply.text("Text")).isEqualTo(200);
        return reply.text("CommandId");
    }

    /** Receives until CommandState Done, retrying OperationTimeout faults like real clients. */
    Output receiveAll(String shellId, String commandId) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            Reply reply = call(SoapRequests.receive(shellId, commandId, "PT5S"));
            if (reply.status() == 500 && "2150858793".equals(reply.wsmanFaultCode())) {
                continue;
            }
            assertThat(reply.status()).isEqualTo(200);
            NodeList streams = reply.xml().getElementsByTagNameNS(SoapRequests.SHELL, "Stream");
            for (int s = 0; s < streams.getLength(); s++) {
                Element stream = (Element) streams.item(s);
                byte[] data = Base64.getDecoder().decode(stream.getTextContent());
                ("stdout".equals(stream.getAttribute("Name")) ? out : err).writeBytes(data);
            }
            Element state = (Element) reply.xml().getElementsByTagNameNS(SoapRequests.SHELL, "CommandState").item(0);
            if (state.getAttribute("State").endsWith("/Done")) {
                return new Output(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                        Integer.parseInt(reply.text("ExitCode")));
            }
        }
        throw new AssertionError("command never reached Done");
    }

    private static String b64(byte[] token) {
        return Base64.getEncoder().encodeToString(token);
    }

    @Override
    public void close() throws java.io.IOException {
        http.close();
    }
}
