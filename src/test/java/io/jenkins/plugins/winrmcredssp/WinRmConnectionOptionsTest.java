package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.winrmcredssp.WinRmConnectionOptions.AuthMechanism;
import io.jenkins.plugins.winrmcredssp.WinRmConnectionOptions.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WinRmConnectionOptionsTest {
    /** A self-signed test certificate (CN=winrm-test-ca, made with openssl for this test), PEM. */
    private static final String CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBhjCCASugAwIBAgIUNJ3NBXLH6Nau3DQRdLLHBeBl9VkwCgYIKoZIzj0EAwIw
            GDEWMBQGA1UEAwwNd2lucm0tdGVzdC1jYTAeFw0yNjExMjUyMDI1MzhaFw0zNjEx
            MjIyMDI1MzhaMBgxFjAUBgNVBAMMDXdpbnJtLXRlc3QtY2EwWTATBgcqhkjOPQIB
            BggqhkjOPQMBBwNCAARbBM0sYTzBLT7vwAiJm05C9BkkUT4L2UwgEpvBfwsoHcCF
            f+ThpWw7N2puTFqbuCd7IoQSG29YxxEInVSMxifZo1MwUTAdBgNVHQ4EFgQUVdoF
            7chgf7APJlsgc7LyvWDTT3wwHwYDVR0jBBgwFoAUVdoF7chgf7APJlsgc7LyvWDT
            T3wwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEAltQgK/Rk/gpO
            5M9uuLOavdz69NzfRGPCPsDMg5gh0c4CIQDUux0Nfka2nAa0irwnoZt7OWDdFK7e
            roLjg0RUzcehjA==
            -----END CERTIFICATE-----
            """;

    @Test
    void defaultsAreHttpsOnItsPortNegotiateAndCredSspVersion6() {
        WinRmConnectionOptions options = WinRmConnectionOptions.builder(" db01.corp.example ").build();

        assertThat(options.host()).isEqualTo("db01.corp.example");
        assertThat(options.transport()).isEqualTo(Transport.HTTPS);
        assertThat(options.port()).isEqualTo(5986);
        assertThat(options.endpoint()).isEqualTo("https://db01.corp.example:5986/wsman");
        assertThat(options.authMechanism()).isEqualTo(AuthMechanism.AUTO);
        assertThat(options.minCredSspVersion()).isEqualTo(6);
        assertThat(options.skipCertificateVerification()).isFalse();
        assertThat(options.certificateThumbprint()).isEmpty();
        assertThat(options.caCertificatesPem()).isEmpty();
        assertThat(options.spn()).isEmpty();
        assertThat(options.timeout()).isEmpty();
        assertThat(options.workingDirectory()).isEmpty();
        assertThat(options.environment()).isEmpty();
    }

    @Test
    void httpUsesPort5985UnlessGivenAndIpv6IsBracketed() {
        assertThat(WinRmConnectionOptions.builder("h").transport(Transport.HTTP).build().endpoint())
                .isEqualTo("http://h:5985/wsman");
        assertThat(WinRmConnectionOptions.builder("fe80::1").port(15986).build().endpoint())
                .isEqualTo("https://[fe80::1]:15986/wsman");
    }

    @Test
    void invalidOptionsAreRejectedNamingTheProblem() {
        assertThatThrownBy(() -> WinRmConnectionOptions.builder(" ").build()).hasMessageContaining("host is required");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("https://h:5986/wsman").build())
                .hasMessageContaining("not a URL");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("h").port(70000).build()).hasMessageContaining("port");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("db01:5986").build())
                .hasMessageContaining("must not include a port");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("h").minCredSspVersion(1).build())
                .hasMessageContaining("between 2 and 6");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("h").minCredSspVersion(7).build())
                .hasMessageContaining("between 2 and 6");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("h").timeout(Duration.ZERO).build())
                .hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("h").certificateThumbprint("abc").build())
                .hasMessageContaining("SHA-1 (40 hex digits) or SHA-256");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("h").caCertificatesPem("not a certificate").build())
                .hasMessageContaining("CA certificates");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("h").environment(Map.of("A=B", "x")).build())
                .hasMessageContaining("invalid environment variable name");
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("Path", "a");
        twice.put("PATH", "b");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("h").environment(twice).build())
                .hasMessageContaining("given twice");
    }

    @Test
    void certificateOptionsBelongToHttpsAndSkippingExcludesPinning() {
        String sha1 = "aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd";
        assertThat(WinRmConnectionOptions.builder("h").certificateThumbprint(sha1).build().certificateThumbprint())
                .contains("AABBCCDDEEFF00112233445566778899AABBCCDD");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("h").transport(Transport.HTTP)
                .skipCertificateVerification(true).build())
                .hasMessageContaining("HTTPS transport only");
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("h").skipCertificateVerification(true)
                .certificateThumbprint(sha1).build())
                .hasMessageContaining("contradicts");
        assertThat(WinRmConnectionOptions.builder("h").skipCertificateVerification(true).build().toString())
                .contains("certificate verification skipped");
        assertThat(WinRmConnectionOptions.builder("h").caCertificatesPem(CA_PEM).build().caCertificatesPem())
                .contains(CA_PEM.strip());
        assertThatThrownBy(() -> WinRmConnectionOptions.builder("h").caCertificatesPem(CA_PEM)
                .skipCertificateVerification(true).build())
                .hasMessageContaining("contradicts");
    }

    @Test
    void environmentIsCaseInsensitiveOrderedAndImmutable() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("b", "2");
        env.put("A", "1");
        WinRmConnectionOptions options = WinRmConnectionOptions.builder("h").environment(env).build();
        env.put("C", "3");

        assertThat(options.environment()).containsExactly(Map.entry("A", "1"), Map.entry("b", "2"));
        assertThat(options.environment().get("a")).isEqualTo("1");
        assertThatThrownBy(() -> options.environment().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void survivesSerializationAsOverRemoting() throws Exception {
        WinRmConnectionOptions options = WinRmConnectionOptions.builder("db01").transport(Transport.HTTPS).port(443)
                .certificateThumbprint("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")
                .authMechanism(AuthMechanism.KERBEROS).spn("HTTP/db01.corp.example").minCredSspVersion(5)
                .timeout(Duration.ofMinutes(10)).workingDirectory("C:\\work").environment(Map.of("A", "1"))
                .build();

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(options);
        }
        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }

        assertThat(copy).isEqualTo(options).hasSameHashCodeAs(options);
        assertThat(((WinRmConnectionOptions) copy).environment().get("a")).isEqualTo("1");
        assertThat(options.toBuilder().build()).isEqualTo(options);
    }

    @Test
    void toStringNamesEndpointAndOptions() {
        assertThat(WinRmConnectionOptions.builder("db01").authMechanism(AuthMechanism.NTLM)
                .environment(Map.of("A", "secret-looking-value")).build().toString())
                .contains("https://db01:5986/wsman", "NTLM", "environment=[A]")
                .doesNotContain("secret-looking-value");
    }
}
