package io.jenkins.plugins.winrmcredssp.protocol.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellOptionsTest {

    @Test
    void defaultsAreUtf8WithoutProfile() {
        ShellOptions options = ShellOptions.defaults();
        assertThat(options.codepage()).isEqualTo(65001);
        assertThat(options.noProfile()).isTrue();
        assertThat(options.workingDirectory()).isNull();
        assertThat(options.environment()).isEmpty();
    }

    @Test
    void environmentValuesNeverShowInToString() {
        ShellOptions options = ShellOptions.defaults().withEnvironment(Map.of("API_TOKEN", "s3cr3t-value"));
        assertThat(options.toString()).contains("API_TOKEN").doesNotContain("s3cr3t-value");
        WsmanRequest request = new WsmanRequestBuilder(WsmanSettings.defaults("http://h:5985/wsman"))
                .createShell(options);
        assertThat(request.toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void invalidValuesAreRefused() {
        assertThatThrownBy(() -> ShellOptions.defaults().withEnvironment(Map.of("A=B", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShellOptions.defaults().withCodepage(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WsmanSettings("http://h/wsman", 153600, "en-US", Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WsmanSettings("http://h/wsman", 100, "en-US", Duration.ofSeconds(20)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteCommand.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RemoteCommand.of("dir").withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
