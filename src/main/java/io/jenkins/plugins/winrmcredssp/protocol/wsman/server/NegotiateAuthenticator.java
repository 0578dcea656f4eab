package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmCrypto;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * HTTP Negotiate (RFC 4559) as WinRM accepts it: the token is either SPNEGO (RFC 4178) or, as Windows also accepts
 * and pywinrm/requests-ntlm send, a raw NTLMSSP message (MS-NLMP §2.2.1). Once established, the context seals bodies
 * on HTTP (MS-WSMV §2.2.9.1.1) and the connection stays authenticated.
 */
public final class NegotiateAuthenticator implements HttpAuthenticator {
    private static final byte[] NTLMSSP_SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

    private final Function<ConnectionInfo, SecurityContext> ntlmAcceptor;
    private final Function<ConnectionInfo, SecurityContext> spnegoAcceptor;

    /**
     * @param ntlmAcceptor makes a fresh NTLM acceptor context per exchange, for the connection it serves
     * @param spnegoAcceptor the same for SPNEGO, or {@code null} to accept raw NTLMSSP only
     */
    public NegotiateAuthenticator(Function<ConnectionInfo, SecurityContext> ntlmAcceptor,
            Function<ConnectionInfo, SecurityContext> spnegoAcceptor) {
        this.ntlmAcceptor = ntlmAcceptor;
        this.spnegoAcceptor = spnegoAcceptor;
    }

    /**
     * Raw NTLMSSP (what pywinrm and requests-ntlm send) against these accounts, as computer {@code LOCALWINRM}. On
     * HTTPS the client's MsvAvChannelBindings must match the listener certificate (tls-server-end-point, RFC 5929;
     * Windows' CbtHardeningLevel=Strict).
     */
    public static NegotiateAuthenticator ntlm(NtlmUserStore users) {
        return new NegotiateAuthenticator(connection -> {
            NtlmAcceptorContext.Builder builder = NtlmAcceptorContext.builder(users).computerName("LOCALWINRM");
            connection.tlsServerEndPoint().ifPresent(cb -> builder.channelBindingsHash(NtlmCrypto.channelBindingsHash(cb)));
            return builder.build();
        }, null);
    }

    @Override
    public String scheme() {
        return "Negotiate";
    }

    @Override
    public boolean availableOn(ConnectionInfo connection) {
        return true;
    }

    @Override
    public AuthExchange newExchange(ConnectionInfo connection) {
        return new Exchange(connection);
    }

    private final class Exchange implements AuthExchange {
        private final ConnectionInfo connection;
        private SecurityContext context;

        Exchange(ConnectionInfo connection) {
            this.connection = connection;
        }

        @Override
        public AuthStep step(byte[] token) throws ProtocolException {
            if (context == null) {
                context = chooseAcceptor(token);
            }
            byte[] reply = context.step(token);
            if (context.isEstablished()) {
                return AuthStep.completed(reply);
            }
            if (reply == null) {
                throw new AuthenticationFailedException("Negotiate: the acceptor produced no token for an unfinished exchange");
            }
            return AuthStep.continueWith(reply);
        }

        private SecurityContext chooseAcceptor(byte[] token) throws AuthenticationFailedException {
            boolean rawNtlm = token.length >= NTLMSSP_SIGNATURE.length
                    && Arrays.equals(token, 0, NTLMSSP_SIGNATURE.length, NTLMSSP_SIGNATURE, 0, NTLMSSP_SIGNATURE.length);
            if (rawNtlm) {
                return ntlmAcceptor.apply(connection);
            }
            if (spnegoAcceptor == null) {
                throw new AuthenticationFailedException("Negotiate: only raw NTLMSSP tokens are accepted by this service");
            }
            return spnegoAcceptor.apply(connection);
        }

        @Override
        public boolean bindsConnection() {
            return true;
        }

        @Override
        public Optional<MessageSealing> sealing() {
            return context != null && context.isEstablished()
                    ? Optional.of(new SecurityContextSealing(context)) : Optional.empty();
        }

        @Override
        public String principal() {
            return context == null ? null : context.peerName();
        }

        @Override
        public void close() {
            if (context != null) {
                context.close();
            }
        }
    }
}
