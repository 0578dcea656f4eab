package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.protocol.auth.Mechanism;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspClientContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspException;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAccount;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoCandidate;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SpnegoInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.CredSspSealing;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsOptions;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsServerIdentity;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * CredSSP over HTTP and HTTPS against the service, driven by the project's CredSSP initiator: every leg on one
 * connection, the credential leg carrying the first (encrypted) request, then CredSSP-encrypted bodies.
 */
class CredSspServiceTest {
    private static final String PASSWORD = "Passw0rd!";
    private final CredSspAuthenticator credSsp = new CredSspAuthenticator(accounts());
    private LocalWinRmService service;

    @AfterEach
    void stop() throws InterruptedException {
        if (service != null) {
            service.close();
            ServiceLeaks.assertNothingLeft(service, List.of());
        }
    }

    /** A connection that ran the CredSSP legs; the first request rode on the credential leg. */
    private record Session(RawHttpClient http, CredSspClientContext context, EncryptedMessage sealing,
            RawHttpClient.Response firstResponse, int legs) {
    }

    private static NtlmUserStore accounts() {
        return NtlmUserStore.of(List.of(NtlmAccount.withPassword("EXAMPLE", "alice", PASSWORD.toCharArray())));
    }

    private static SecurityContext ntlm(UserCredentials user) {
        return NtlmInitiatorContext.builder(user).build();
    }

    private Session connect(String password, boolean spnego, byte[] firstRequest) throws Exception {
        UserCredentials user = UserCredentials.parse("EXAMPLE\\alice", password.toCharArray());
        SecurityContext inner = spnego
                ? SpnegoInitiatorContext.withoutFallback(new SpnegoCandidate(Mechanism.NTLM, () -> ntlm(user)))
                : ntlm(user);
        CredSspClientContext context = CredSspClientContext.builder(user, inner).build();
        RawHttpClient http = new RawHttpClient(service.endpoint());
        byte[] out = context.step(null);
        int legs = 0;
        while (true) {
            legs++;
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Authorization", "CredSSP " + Base64.getEncoder().encodeToString(out));
            if (context.isComplete()) {
                // not EncryptedMessage.credSsp(): its 16384-byte parts exceed what one TLS 1.3 record takes from the JDK
                EncryptedMessage sealing = CredSspSealing.framing(context);
                byte[] body = firstRequest;
                if (!service.https()) {
                    EncryptedMessage.Encoded encoded = sealing.encode(body);
                    headers.put("Content-Type", encoded.contentType());
                    body = encoded.body();
                } else {
                    headers.put("Content-Type", "application/soap+xml;charset=UTF-8");
                }
                return new Session(http, context, sealing, http.post("/wsman", headers, body), legs);
            }
            RawHttpClient.Response response = http.post("/wsman", headers, new byte[0]);
            assertThat(response.status()).as("leg %s", legs).isEqualTo(401);
            String challenge = response.header("WWW-Authenticate");
            assertThat(challenge).startsWith("CredSSP ");
            out = context.step(Base64.getDecoder().decode(challenge.substring(8)));
            if (response.closesConnection()) {
                throw new AssertionError("the service closed the connection at leg " + legs);
            }
        }
    }

    private static Document xml(Session session, RawHttpClient.Response response) throws Exception {
        byte[] body = response.body();
        if (EncryptedMessage.isEncrypted(response.header("Content-Type"))) {
            body = session.sealing().decode(response.header("Content-Type"), body);
        }
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    private static String text(Document document, String localName) {
        return document.getElementsByTagNameNS("*", localName).item(0).getTextContent();
    }

    private static RawHttpClient.Response call(Session session, byte[] soap) throws Exception {
        EncryptedMessage.Encoded encoded = session.sealing().encode(soap);
        return session.http().post("/wsman", Map.of("Content-Type", encoded.contentType()), encoded.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void credSspOverHttpCarriesTheFirstRequestOnTheCredentialLegThenEncryptsWithTheTlsSession(String tls) throws Exception {
        CredSspAuthenticator credSsp = new CredSspAuthenticator(accounts(), TlsServerIdentity.selfSigned("LOCALWINRM", Clock.systemUTC()),
                TlsOptions.of(tls));
        service = LocalWinRmService.builder().authenticator(credSsp).start();
        Session session = connect(PASSWORD, false, SoapRequests.create(null, null, null));

        assertThat(session.firstResponse().status()).isEqualTo(200);
        assertThat(session.context().tlsProtocol()).isEqualTo(tls);
        assertThat(session.firstResponse().header("Content-Type"))
                .contains("protocol=\"application/HTTP-CredSSP-session-encrypted\"");
        String shell = text(xml(session, session.firstResponse()), "ShellId");
        assertThat(credSsp.delegatedLogons()).containsExactly(new CredSspAuthenticator.DelegatedLogon("EXAMPLE", "alice", true));

        String longArgument = "y".repeat(20_000);
        RawHttpClient.Response command = call(session, SoapRequests.command(shell,
                "echo " + longArgument + "; head -c 40000 /dev/zero | tr '\\0' z"));
        assertThat(command.status()).isEqualTo(200);
        String commandId = text(xml(session, command), "CommandId");
        StringBuilder stdout = new StringBuilder();
        boolean sawMultiPart = false;
        for (int i = 0; i < 100; i++) {
            RawHttpClient.Response receive = call(session, SoapRequests.receive(shell, commandId, "PT5S"));
            sawMultiPart |= receive.header("Content-Type").startsWith("multipart/x-multi-encrypted;");
            Document reply = xml(session, receive);
            var streams = reply.getElementsByTagNameNS(SoapRequests.SHELL, "Stream");
            for (int s = 0; s < streams.getLength(); s++) {
                stdout.append(new String(Base64.getDecoder().decode(streams.item(s).getTextContent()), StandardCharsets.UTF_8));
            }
            if (reply.getElementsByTagNameNS(SoapRequests.SHELL, "ExitCode").getLength() > 0) {
                break;
            }
        }
        assertThat(stdout.toString()).isEqualTo(longArgument + "\n" + "z".repeat(40000));
        assertThat(sawMultiPart).as("a response over one record's worth is split into x-multi-encrypted parts").isTrue();
        assertThat(call(session, SoapRequests.delete(shell)).status()).isEqualTo(200);
        session.http().close();
    }

    @Test
    void spnegoWrappedInnerTokensWorkToo() throws Exception {
        service = LocalWinRmService.builder().authenticator(credSsp).start();
        Session session = connect(PASSWORD, true, SoapRequests.create(null, null, null));

        assertThat(session.firstResponse().status()).isEqualTo(200);
        assertThat(text(xml(session, session.firstResponse()), "ShellId")).isNotBlank();
        session.http().close();
    }

    @Test
    void credSspOverHttpsKeepsBodiesPlain() throws Exception {
        service = LocalWinRmService.builder().https().authenticator(credSsp).start();
        Session session = connect(PASSWORD, false, SoapRequests.create(null, null, null));

        assertThat(session.firstResponse().status()).isEqualTo(200);
        assertThat(session.firstResponse().header("Content-Type")).startsWith("application/soap+xml");
        assertThat(session.firstResponse().bodyText()).contains("ShellId");
        session.http().close();
    }

    @Test
    void wrongPasswordIsRefusedBeforeDelegationAndTheConnectionCloses() throws Exception {
        service = LocalWinRmService.builder().authenticator(credSsp).start();

        assertThatThrownBy(() -> connect("wrong", false, SoapRequests.create(null, null, null)))
                .isInstanceOf(CredSspException.class).hasMessageContaining("C000006D");
        assertThat(credSsp.delegatedLogons()).isEmpty();
        assertThat(service.shells().openShellIds()).isEmpty();
    }

    @Test
    void disabledCredSspIsNotOffered() throws Exception {
        service = LocalWinRmService.builder().authenticator(credSsp)
                .authenticator(NegotiateAuthenticator.ntlm(NtlmUserStore.of(List.of()))).start();
        service.disableScheme("CredSSP");
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            assertThat(http.post("/wsman", Map.of(), new byte[0]).headers("WWW-Authenticate")).containsExactly("Negotiate");
            assertThat(http.post("/wsman", Map.of("Authorization", "CredSSP AAAA"), new byte[0]).headers("WWW-Authenticate"))
                    .containsExactly("Negotiate");
        }
        service.enableScheme("CredSSP");
        try (RawHttpClient http = new RawHttpClient(service.endpoint())) {
            assertThat(http.post("/wsman", Map.of(), new byte[0]).headers("WWW-Authenticate")).containsExactly("CredSSP", "Negotiate");
        }
    }

    @Test
    void connectionDroppedAtALegLeavesNoDelegation() throws Exception {
        service = LocalWinRmService.builder().authenticator(credSsp).start();
        service.faults().atAuthenticationLeg(3, InjectedFault.DROP_CONNECTION);

        assertThatThrownBy(() -> connect(PASSWORD, false, SoapRequests.create(null, null, null)))
                .hasMessageContaining("closed");
        assertThat(credSsp.delegatedLogons()).isEmpty();
    }
}
