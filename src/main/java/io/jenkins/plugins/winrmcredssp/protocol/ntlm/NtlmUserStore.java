package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Where an {@link NtlmAcceptorContext} finds the account named in an AUTHENTICATE_MESSAGE. */
@FunctionalInterface
public interface NtlmUserStore {

    /**
     * @param domain the DomainName the client sent (may be empty)
     * @param user   the UserName the client sent ({@code user} or a UPN {@code user@domain})
     */
    Optional<NtlmAccount> find(String domain, String user);

    /**
     * A fixed list of accounts, matched the way Windows matches them: user names case-insensitively; an account in
     * the domain the client named first; then, like a stand-alone server treating an unknown or empty domain as its
     * own, an account of that name without domain (a local account); a UPN {@code user@suffix} with an empty domain
     * matches an account stored under that whole UPN, else the account {@code user} whose domain is {@code suffix}
     * or empty.
     */
    static NtlmUserStore of(List<NtlmAccount> accounts) {
        List<NtlmAccount> copy = List.copyOf(accounts);
        return (domain, user) -> {
            String name = user;
            String wantedDomain = domain;
            int at = user.lastIndexOf('@');
            if (domain.isEmpty() && at > 0) {
                Optional<NtlmAccount> wholeUpn = copy.stream()
                        .filter(a -> a.domain().isEmpty() && a.user().equalsIgnoreCase(user)).findFirst();
                if (wholeUpn.isPresent()) {
                    return wholeUpn;
                }
                name = user.substring(0, at);
                wantedDomain = user.substring(at + 1);
            }
            String account = name;
            String realm = wantedDomain;
            Optional<NtlmAccount> exact = copy.stream()
                    .filter(a -> a.user().equalsIgnoreCase(account) && !a.domain().isEmpty()
                            && sameDomain(a.domain(), realm))
                    .findFirst();
            if (exact.isPresent()) {
                return exact;
            }
            return copy.stream().filter(a -> a.user().equalsIgnoreCase(account) && a.domain().isEmpty()).findFirst();
        };
    }

    private static boolean sameDomain(String accountDomain, String given) {
        String a = accountDomain.toUpperCase(Locale.ROOT);
        String g = given.toUpperCase(Locale.ROOT);
        return a.equals(g) || g.startsWith(a + ".");
    }
}
