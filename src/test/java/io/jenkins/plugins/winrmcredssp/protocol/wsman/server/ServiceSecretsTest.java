package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.winrmcredssp.protocol.auth.UserCredentials;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspClientContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAccount;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmInitiatorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Passwords never reach the service's log (even at FINE), its responses or its bookkeeping. */
class ServiceSecretsTest {
    private static final String PASSWORD = "Corr3ct-Horse!";
    private static final String WRONG = "Wr0ng-Battery!";
    private final Logger logger = Logger.getLogger(LocalWinRmService.class.getPackageName());
    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            logged.add(formatter.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previous;

    @BeforeEach
    void captureLog() {
        previous = logger.getLevel();
        logger.setLevel(Level.FINEST);
        logger.addHandler(capture);
    }

    @AfterEach
    void restoreLog() {
        logger.removeHandler(capture);
        logger.setLevel(previous);
    }

    @Test
    void basicAndCredSspPasswordsStayOutOfLogsAndResponses() throws Exception {
        CredSspAuthenticator credSsp = new CredSspAuthenticator(
                NtlmUserStore.of(List.of(NtlmAccount.withPassword("EXAMPLE", "alice", PASSWORD.toCharArray()))));
        List<String> seen = new ArrayList<>();
        try (LocalWinRmService service = LocalWinRmService.builder().https()
                .authenticator(new BasicAuthenticator(List.of(UserCredentials.parse("alice", PASSWORD.toCharArray()))))
                .authenticator(credSsp).start();
                RawHttpClient http = new RawHttpClient(service.endpoint())) {
            for (String password : List.of(WRONG, PASSWORD)) {
                String basic = Base64.getEncoder().encodeToString(("alice:" + password).getBytes(StandardCharsets.UTF_8));
                RawHttpClient.Response response = http.post("/wsman", Map.of("Authorization", "Basic " + basic),
                        "<not-xml".getBytes(StandardCharsets.UTF_8));
                seen.add(response.headers().toString() + response.bodyText());
            }
            for (String password : List.of(WRONG, PASSWORD)) {
                seen.add(credSspLegs(service, password));
            }
            assertThat(credSsp.delegatedLogons()).containsExactly(new CredSspAuthenticator.DelegatedLogon("EXAMPLE", "alice", true));
            seen.add(credSsp.delegatedLogons().toString());
        }

        assertThat(logged).as("the log captured the failures").isNotEmpty();
        for (String secret : List.of(PASSWORD, WRONG)) {
            assertThat(logged).noneMatch(line -> line.contains(secret));
            assertThat(seen).noneMatch(text -> text.contains(secret));
        }
    }

    /** Runs the CredSSP legs on a fresh connection; returns every header and body the service sent. */
    private static String credSspLegs(LocalWinRmService service, String password) throws Exception {
        UserCredentials user = UserCredentials.parse("EXAMPLE\\alice", password.toCharArray());
        StringBuilder seen = new StringBuilder();
        try (RawHttpClient http = new RawHttpClient(service.endpoint());
                CredSspClientContext context = CredSspClientContext.builder(user, NtlmInitiatorContext.builder(user).build()).build()) {
            byte[] out = context.step(null);
            while (true) {
                RawHttpClient.Response response = http.post("/wsman",
                        Map.of("Authorization", "CredSSP " + Base64.getEncoder().encodeToString(out)), new byte[0]);
                seen.append(response.headers()).append(response.bodyText());
                if (response.status() != 401 || context.isComplete() || response.closesConnection()) {
                    return seen.toString();
                }
                try {
                    out = context.step(Base64.getDecoder().decode(response.header("WWW-Authenticate").substring(8)));
                } catch (java.io.IOException e) {
                    return seen.toString();
                }
            }
        }
    }
}
