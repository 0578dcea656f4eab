package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of the service: authentication per connection, encryption policy, limits and fault injection. */
class LocalWinRmServiceTest {
    private static final String SECRET = "s3cret";
    private LocalWinRmService service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.close();
            ServiceLeaks.assertNothingLeft(service, List.of());
        }
    }

    private LocalWinRmService start(boolean https) throws Exception {
        LocalWinRmService.Builder builder = LocalWinRmService.builder()
                .authenticator(new NegotiateAuthenticator(c -> new GcmTestContext(true, SECRET)))
                .authenticator(new BasicAuthenticator(List.of(UserCredentials.parse("alice", "Passw0rd!".toCharArray()))));
        if (https) {
            builder.https();
        }
        service = builder.idleTimeout(Duration.ofSeconds(2)).maxBodyBytes(64 * 1024).maxHeaderBytes(8 * 1024).start();
        return service;
    }

    private static String negotiate(byte[] token) {
        return "Negotiate " + Base64.getEncoder().encodeToString(token);
    }

    @Test
    void unauthenticatedRequestGets401OfferingTheSchemesOfTheTransport() throws Exception {
        start(false);
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            RawHttpClient.Response response = http.post("/wsman", Map.of(), new byte[0]);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers("WWW-Authenticate")).containsExactly("Negotiate");

            RawHttpClient.Response basic = http.post("/wsman", Map.of("Authorization", "Basic YWxpY2U6UGFzc3cwcmQh"), new byte[0]);
            assertThat(basic.status()).as("Basic is refused on HTTP").isEqualTo(401);
        }
    }

    @Test
    void tlsVersionIsSelectable() throws Exception {
        service = LocalWinRmService.builder().https().tlsProtocols("TLSv1.2")
                .authenticator(new BasicAuthenticator(List.of())).idleTimeout(Duration.ofSeconds(2)).start();
        try (RawHttpClient tls12 = new RawHttpClient(service.endpoint(), "TLSv1.2")) {
            assertThat(((javax.net.ssl.SSLSocket) tls12.socket()).getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(tls12.post("/wsman", Map.of(), new byte[0]).status()).isEqualTo(401);
        }
        org.junit.jupiter.api.Assertions.assertThrows(javax.net.ssl.SSLException.class,
                () -> new RawHttpClient(service.endpoint(), "TLSv1.3").close());
    }

    @Test
    void httpsOffersBasicAndADisabledSchemeIsNeitherOfferedNorAccepted() throws Exception {
        start(true);
        assertThat(service.endpoint().toString()).startsWith("https://127.0.0.1:").endsWith("/wsman");
        assertThat(service.certificate()).isPresent();
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            assertThat(http.post("/wsman", Map.of(), new byte[0]).headers("WWW-Authenticate"))
                    .containsExactly("Negotiate", "Basic realm=\"WSMAN\"");

            service.disableScheme("negotiate");
            RawHttpClient.Response response = http.post("/wsman",
                    Map.of("Authorization", negotiate(GcmTestContext.HELLO)), new byte[0]);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers("WWW-Authenticate")).containsExactly("Basic realm=\"WSMAN\"");
        }
    }

    @Test
    void windowsAuthenticationOffersWhatAWindowsHostWithCredSspOffers() throws Exception {
        UserCredentials alice = UserCredentials.parse("EXAMPLE\\alice", "Passw0rd!".toCharArray());
        try (LocalWinRmService http = LocalWinRmService.builder().windowsAuthentication(alice).start();
                LocalWinRmService https = LocalWinRmService.builder().https().windowsAuthentication(alice).start();
                RawHttpClient toHttp = new RawHttpClient(http.endpoint());
                RawHttpClient toHttps = new RawHttpClient(https.endpoint())) {
            assertThat(toHttp.post("/wsman", Map.of(), new byte[0]).headers("WWW-Authenticate"))
                    .containsExactly("Negotiate", "CredSSP");
            assertThat(toHttps.post("/wsman", Map.of(), new byte[0]).headers("WWW-Authenticate"))
                    .containsExactly("Negotiate", "Basic realm=\"WSMAN\"", "CredSSP");
            assertThat(http.delegatedLogons()).isEmpty();
        }
    }

    @Test
    void negotiatedConnectionStaysAuthenticatedAndExchangesEncryptedBodies() throws Exception {
        start(false);
        try (WsManTestClient client = WsManTestClient.negotiated(service.endpoint(), SECRET)) {
            String shell = client.createShell(null, null, null);
            String command = client.command(shell, "echo encrypted; exit 5");
            assertThat(client.receiveAll(shell, command)).isEqualTo(new WsManTestClient.Output("encrypted\n", "", 5));
            assertThat(client.call(SoapRequests.delete(shell)).status()).isEqualTo(200);
        }
        try (RawHttpClient other = new RawHttpClient(service.endpoint())) {
            assertThat(other.post("/wsman", Map.of(), new byte[0]).status())
                    .as("authentication is bound to the connection that made it").isEqualTo(401);
        }
    }

    @Test
    void unencryptedSoapIsRefusedOnHttp() throws Exception {
        start(false);
        try (WsManTestClient client = WsManTestClient.negotiated(service.endpoint(), SECRET)) {
            RawHttpClient.Response response = client.http.post("/wsman",
                    Map.of("Content-Type", "application/soap+xml;charset=UTF-8"), SoapRequests.create(null, null, null));
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.bodyText()).contains("AllowUnencrypted");
        }
        assertThat(service.shells().openShellIds()).isEmpty();
    }

    @Test
    void finalLegMayCarryTheFirstEncryptedRequest() throws Exception {
        start(false);
        GcmTestContext context = new GcmTestContext(false, SECRET);
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            RawHttpClient.Response challenge = http.post("/wsman", Map.of("Authorization", negotiate(context.step(null))), new byte[0]);
            byte[] proof = context.step(Base64.getDecoder().decode(challenge.header("WWW-Authenticate").substring(10)));
            EncryptedMessage sealing = EncryptedMessage.spnego(new SecurityContextSealing(context));
            byte[] create = SoapRequests.create(null, null, null);

            EncryptedMessage.Encoded encoded = sealing.encode(create);
            RawHttpClient.Response response = http.post("/wsman", Map.of("Authorization", negotiate(proof),
                    "Content-Type", encoded.contentType()), encoded.body());

            assertThat(response.status()).isEqualTo(200);
            String xml = new String(sealing.decode(response.header("Content-Type"), response.body()), StandardCharsets.UTF_8);
            assertThat(xml).contains("CreateResponse");
            assertThat(service.shells().openShellIds()).hasSize(1);
        }
    }

    @Test
    void wrongProofGets401AndAFreshExchange() throws Exception {
        start(false);
        GcmTestContext context = new GcmTestContext(false, "wrong");
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            RawHttpClient.Response challenge = http.post("/wsman", Map.of("Authorization", negotiate(context.step(null))), new byte[0]);
            byte[] proof = context.step(Base64.getDecoder().decode(challenge.header("WWW-Authenticate").substring(10)));

            RawHttpClient.Response response = http.post("/wsman", Map.of("Authorization", negotiate(proof)), new byte[0]);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers("WWW-Authenticate")).containsExactly("Negotiate");
            assertThat(http.post("/wsman", Map.of("Authorization", "Negotiate !!!"), new byte[0]).status()).isEqualTo(401);
        }
    }

    @Test
    void tamperedEncryptedBodyIsRefusedAndTheConnectionClosed() throws Exception {
        start(false);
        try (WsManTestClient client = WsManTestClient.negotiated(service.endpoint(), SECRET)) {
            GcmTestContext other = new GcmTestContext(false, SECRET);
            other.step(null);
            other.step("CHALLENGE".getBytes(StandardCharsets.US_ASCII));
            EncryptedMessage.Encoded encoded = EncryptedMessage.spnego(new SecurityContextSealing(other))
                    .encode(SoapRequests.create(null, null, null));
            byte[] body = encoded.body();
            body[body.length - 40] ^= 1;

            RawHttpClient.Response response = client.http.post("/wsman", Map.of("Content-Type", encoded.contentType()), body);

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(client.http.closedByPeer()).isTrue();
        }
    }

    @Test
    void injectedFaultsAtAuthenticationLegs() throws Exception {
        start(false);
        service.faults().atAuthenticationLeg(2, InjectedFault.DROP_CONNECTION);
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            GcmTestContext context = new GcmTestContext(false, SECRET);
            RawHttpClient.Response challenge = http.post("/wsman", Map.of("Authorization", negotiate(context.step(null))), new byte[0]);
            assertThat(challenge.status()).isEqualTo(401);
            byte[] proof = context.step(Base64.getDecoder().decode(challenge.header("WWW-Authenticate").substring(10)));
            http.sendRaw(("POST /wsman HTTP/1.1\r\nAuthorization: " + negotiate(proof) + "\r\nContent-Length: 0\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(http.closedByPeer()).isTrue();
        }
        service.faults().atAuthenticationLeg(1, InjectedFault.HTTP_500);
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            assertThat(http.post("/wsman", Map.of("Authorization", negotiate(GcmTestContext.HELLO)), new byte[0]).status()).isEqualTo(500);
        }
        service.faults().atAuthenticationLeg(1, InjectedFault.MALFORMED_RESPONSE);
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            RawHttpClient.Response response = http.post("/wsman", Map.of("Authorization", negotiate(GcmTestContext.HELLO)), new byte[0]);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Negotiate ")
                    .isNotEqualTo(negotiate("CHALLENGE".getBytes(StandardCharsets.US_ASCII)));
        }
        try (WsManTestClient client = WsManTestClient.negotiated(service.endpoint(), SECRET)) {
            assertThat(client.createShell(null, null, null)).as("faults fire once").isNotBlank();
        }
    }

    @Test
    void injectedFaultsAtOperations() throws Exception {
        start(false);
        try (WsManTestClient client = WsManTestClient.negotiated(service.endpoint(), SECRET)) {
            service.faults().atOperation("Create", InjectedFault.MALFORMED_RESPONSE);
            RawHttpClient.Response garbage = rawCall(client, SoapRequests.create(null, null, null));
            assertThat(garbage.status()).isEqualTo(200);
            assertThat(garbage.header("Content-Type")).startsWith("multipart/encrypted;");
            assertThat(new String(client.sealing.decode(garbage.header("Content-Type"), garbage.body()),
                    StandardCharsets.UTF_8)).startsWith("<s:Envelope this is not XML");

            service.faults().atOperation("Create", InjectedFault.HTTP_500);
            RawHttpClient.Response error = rawCall(client, SoapRequests.create(null, null, null));
            assertThat(error.status()).isEqualTo(500);
            assertThat(error.header("Content-Type")).startsWith("text/plain");

            String shell = client.createShell(null, null, null);
            String command = client.command(shell, "echo hi");
            service.faults().atOperation("Receive", InjectedFault.DROP_CONNECTION);
            Exception dropped = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> client.call(SoapRequests.receive(shell, command, "PT1S")));
            assertThat(dropped).hasMessageContaining("closed");
        }
        assertThat(service.shells().openShellIds()).as("the malformed and the 500 Create produced no shell").hasSize(1);
    }

    private static RawHttpClient.Response rawCall(WsManTestClient client, byte[] soap) throws Exception {
        EncryptedMessage.Encoded encoded = client.sealing.encode(soap);
        return client.http.post("/wsman", Map.of("Content-Type", encoded.contentType()), encoded.body());
    }

    @Test
    void httpLimitsAndErrors() throws Exception {
        start(false);
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            assertThat(http.post("/other", Map.of(), new byte[0]).status()).isEqualTo(404);
            RawHttpClient.Response get = http.send("GET", "/wsman", Map.of(), new byte[0]);
            assertThat(get.status()).isEqualTo(405);
            assertThat(get.header("Allow")).isEqualTo("POST");
        }
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            assertThat(http.post("/wsman", Map.of("X-Big", "a".repeat(10_000)), new byte[0]).status()).isEqualTo(431);
            assertThat(http.closedByPeer()).isTrue();
        }
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            http.sendRaw("POST /wsman HTTP/1.1\r\nContent-Length: 100000\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(http.read().status()).isEqualTo(413);
        }
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            http.sendRaw("POST /wsman HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(http.read().status()).isEqualTo(501);
        }
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            http.sendRaw("garbage\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(http.read().status()).isEqualTo(400);
        }
    }

    @Test
    void idleConnectionsAreClosedAndCloseStopsOpenOnes() throws Exception {
        start(false);
        try (RawHttpClient idle = new RawHttpClient(service.endpoint())) {
            long startNanos = System.nanoTime();
            assertThat(idle.closedByPeer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - startNanos)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
        }
        try (RawHttpClient open = new RawHttpClient(service.endpoint())) {
            assertThat(open.post("/wsman", Map.of(), new byte[0]).status()).isEqualTo(401);
            service.close();
            assertThat(open.closedByPeer()).isTrue();
        }
    }
}
