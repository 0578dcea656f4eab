package io.jenkins.plugins.winrmcredssp.protocol.ntlm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NtlmUserStoreTest {
    private static final char[] PW = "pw".toCharArray();

    @Test
    void upnMatchesAnAccountStoredUnderTheWholeUpn() {
        NtlmAccount upnAccount = NtlmAccount.withPassword("", "demo@demo.local", PW);
        NtlmUserStore store = NtlmUserStore.of(List.of(upnAccount));
        assertThat(store.find("", "DEMO@demo.local")).containsSame(upnAccount);
    }

    @Test
    void upnMatchesTheAccountInItsSuffixDomainOrALocalOne() {
        NtlmAccount domainAccount = NtlmAccount.withPassword("CORP", "alice", PW);
        NtlmAccount local = NtlmAccount.withPassword("", "bob", PW);
        NtlmUserStore store = NtlmUserStore.of(List.of(domainAccount, local));
        assertThat(store.find("", "alice@corp.example")).containsSame(domainAccount);
        assertThat(store.find("", "bob@anything.example")).containsSame(local);
        assertThat(store.find("", "carol@corp.example")).isEmpty();
        assertThat(store.find("OTHER", "alice")).isEmpty();
    }
}
