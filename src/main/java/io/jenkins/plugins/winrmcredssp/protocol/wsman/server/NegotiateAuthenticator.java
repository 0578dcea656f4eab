package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.auth.SecurityContext;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmCrypto;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import java.util.Optional;
import java.util.function.Function;

/**
 * HTTP Negotiate (RFC 4559) as WinRM accepts it. Once established, the context seals bodies on HTTP (MS-WSMV
 * §2.2.9.1.1) and the connection stays authenticated.
 */
public final class NegotiateAuthenticator implements HttpAuthenticator {
    private final Function<ConnectionInfo, SecurityContext> acceptorFactory;

    /** @param acceptorFactory makes a fresh acceptor context per exchange, for the connection it serves */
    public NegotiateAuthenticator(Function<ConnectionInfo, SecurityContext> acceptorFactory) {
        this.acceptorFactory = acceptorFactory;
    }

    /**
     * Raw NTLMSSP (what pywinrm and requests-ntlm send) or SPNEGO/NTLM against these accounts (see
     * {@link NegotiateAcceptorContext#forAccounts}). On HTTPS the client's MsvAvChannelBindings must match the
     * listener certificate (tls-server-end-point, RFC 5929; Windows' CbtHardeningLevel=Strict).
     */
    public static NegotiateAuthenticator ntlm(NtlmUserStore users) {
        return new NegotiateAuthenticator(connection -> NegotiateAcceptorContext.forAccounts(users,
                connection.tlsServerEndPoint().map(NtlmCrypto::channelBindingsHash).orElse(null)));
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
        return new Exchange(acceptorFactory.apply(connection));
    }

    private static final class Exchange implements AuthExchange {
        private final SecurityContext context;

        Exchange(SecurityContext context) {
            this.context = context;
        }

        @Override
        public AuthStep step(byte[] token) throws ProtocolException {
            byte[] reply = context.step(token);
            if (context.isEstablished()) {
                return AuthStep.completed(reply);
            }
            if (reply == null) {
                throw new AuthenticationFailedException("Negotiate: the acceptor produced no token for an unfinished exchange");
            }
            return AuthStep.continueWith(reply);
        }

        @Override
        public boolean bindsConnection() {
            return true;
        }

        @Override
        public Optional<EncryptedMessage> sealing() {
            return context.isEstablished()
                    ? Optional.of(EncryptedMessage.spnego(new SecurityContextSealing(context))) : Optional.empty();
        }

        @Override
        public String principal() {
            return context.peerName();
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
