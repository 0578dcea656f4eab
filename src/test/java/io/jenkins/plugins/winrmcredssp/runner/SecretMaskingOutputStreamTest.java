package io.jenkins.plugins.winrmcredssp.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretMaskingOutputStreamTest {
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();

    private String mask(char[] secret, String... writes) throws IOException {
        try (SecretMaskingOutputStream out = new SecretMaskingOutputStream(sink, secret, StandardCharsets.UTF_8)) {
            for (String w : writes) {
                out.write(w.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void masksEveryOccurrenceHoweverTheWritesSplitIt() throws IOException {
        assertThat(mask("pässword".toCharArray(), "my pä", "ssw", "ord is pässword; pässwor", "d!"))
                .isEqualTo("my **** is ****; ****!");
    }

    @Test
    void overlappingPrefixesAreNotLost() throws IOException {
        assertThat(mask("aab".toCharArray(), "aaab aa", "a")).isEqualTo("a**** aaa");
    }

    @Test
    void flushHoldsBackOnlyAPossibleStartOfTheSecret() throws IOException {
        SecretMaskingOutputStream out = new SecretMaskingOutputStream(sink, "secret".toCharArray(), StandardCharsets.UTF_8);
        out.write("abc sec".getBytes(StandardCharsets.UTF_8));
        out.flush();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("abc ");
        out.write("ond".getBytes(StandardCharsets.UTF_8));
        out.close();
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("abc second");
        assertThatThrownBy(() -> out.write('x')).isInstanceOf(IOException.class);
    }

    @Test
    void emptySecretMasksNothingAndCloseLeavesTheSinkOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream target = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (SecretMaskingOutputStream out = new SecretMaskingOutputStream(target, new char[0], StandardCharsets.UTF_8)) {
            out.write("plain".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(target.toString(StandardCharsets.UTF_8)).isEqualTo("plain");
        assertThat(closed[0]).isFalse();
    }
}
