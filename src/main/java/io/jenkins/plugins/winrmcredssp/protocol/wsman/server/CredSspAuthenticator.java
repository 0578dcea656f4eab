package io.jenkins.plugins.winrmcredssp.protocol.wsman.server;

import io.jenkins.plugins.winrmcredssp.protocol.ProtocolException;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspAcceptorContext;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspAcceptorException;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.CredSspException;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsOptions;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TlsServerIdentity;
import io.jenkins.plugins.winrmcredssp.protocol.credssp.TsPasswordCreds;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmAccount;
import io.jenkins.plugins.winrmcredssp.protocol.ntlm.NtlmUserStore;
import io.jenkins.plugins.winrmcredssp.protocol.spnego.SecurityContextFactory;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.CredSspSealing;
import io.jenkins.plugins.winrmcredssp.protocol.wsman.EncryptedMessage;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * WinRM's CredSSP authentication (MS-CSSP over HTTP, MS-WSMV §2.2.9.1.3): {@code Authorization: CredSSP <TLS bytes>}
 * legs on one connection through TLS handshake, inner Negotiate authentication (raw NTLMSSP or SPNEGO), public key
 * exchange and credential delegation; the leg carrying the credentials also carries the first request. Afterwards
 * bodies on HTTP are encrypted with the CredSSP TLS session. The delegated password is checked against the account
 * (the "second hop" really received the right secret) and recorded without it in {@link #delegatedLogons()}.
 */
public final class CredSspAuthenticator implements HttpAuthenticator {

    /**
     * One completed delegation.
     *
     * @param passwordVerified whether the delegated password is that account's password
     */
    public record DelegatedLogon(String domain, String user, boolean passwordVerified) {
    }

    private final NtlmUserStore users;
    private final TlsServerIdentity identity;
    private final TlsOptions tlsOptions;
    private final SecurityContextFactory kerberos;
    private final List<DelegatedLogon> logons = new ArrayList<>();

    public CredSspAuthenticator(NtlmUserStore users) {
        this(users, TlsServerIdentity.selfSigned("LOCALWINRM", Clock.systemUTC()), TlsOptions.defaults());
    }

    /** @param tlsOptions the CredSSP TLS versions (independent of HTTPS, as on Windows) */
    public CredSspAuthenticator(NtlmUserStore users, TlsServerIdentity identity, TlsOptions tlsOptions) {
        this(users, identity, tlsOptions, null);
    }

    /**
     * @param kerberos fresh Kerberos acceptors offered first inside SPNEGO (what a domain member does), or
     *                 {@code null} for NTLM only
     */
    public CredSspAuthenticator(NtlmUserStore users, TlsServerIdentity identity, TlsOptions tlsOptions,
            SecurityContextFactory kerberos) {
        this.users = users;
        this.identity = identity;
        this.tlsOptions = tlsOptions;
        this.kerberos = kerberos;
    }

    @Override
    public String scheme() {
        return "CredSSP";
    }

    @Override
    public boolean availableOn(ConnectionInfo connection) {
        return true;
    }

    /** Delegations completed so far, in order. */
    public synchronized List<DelegatedLogon> delegatedLogons() {
        return List.copyOf(logons);
    }

    @Override
    public AuthExchange newExchange(ConnectionInfo connection) {
        return new Exchange();
    }

    private synchronized void record(DelegatedLogon logon) {
        logons.add(logon);
    }

    private boolean verify(TsPasswordCreds creds) {
        Optional<NtlmAccount> account = users.find(creds.domainName(), creds.userName());
        if (account.isEmpty()) {
            return false;
        }
        char[] password = creds.password();
        try {
            byte[] delegated = NtlmAccount.withPassword(creds.domainName(), creds.userName(), password).ntHash();
            return MessageDigest.isEqual(delegated, account.get().ntHash());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private final class Exchange implements AuthExchange {
        private CredSspAcceptorContext context;

        @Override
        public AuthStep step(byte[] token) throws ProtocolException {
            if (context == null) {
                context = CredSspAcceptorContext.builder(identity, () -> NegotiateAcceptorContext.forAccounts(users, null, kerberos))
                        .tlsOptions(tlsOptions).build();
            }
            byte[] reply;
            try {
                reply = context.step(token);
            } catch (CredSspAcceptorException e) {
                throw new AuthenticationFailedException("CredSSP refused the client: " + e.getMessage(), e.tokenForClient(), e);
            } catch (CredSspException e) {
                throw new AuthenticationFailedException("CredSSP failed: " + e.getMessage(), null, e);
            }
            if (!context.isComplete()) {
                return AuthStep.continueWith(reply);
            }
            TsPasswordCreds creds = context.delegatedCredentials();
            try {
                record(new DelegatedLogon(creds.domainName(), creds.userName(), verify(creds)));
            } finally {
                creds.destroy();
            }
            return AuthStep.completed(reply.length == 0 ? null : reply);
        }

        @Override
        public boolean bindsConnection() {
            return true;
        }

        @Override
        public Optional<EncryptedMessage> sealing() {
            return context != null && context.isComplete() ? Optional.of(CredSspSealing.framing(context)) : Optional.empty();
        }

        @Override
        public String principal() {
            return context == null ? null : context.clientName();
        }

        @Override
        public void close() {
            if (context != null) {
                context.close();
            }
        }
    }
}
