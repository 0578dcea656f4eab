package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.jvnet.localizer.Localizable;

/** {@link Messages} has exactly the methods localizer-maven-plugin would generate from Messages.properties. */
class MessagesTest {
    private static Properties properties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("Messages.properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void everyKeyHasItsMethodsWithOneParameterPerPlaceholder() throws Exception {
        Properties p = properties();
        for (String key : p.stringPropertyNames()) {
            int arguments = new MessageFormat(p.getProperty(key)).getFormatsByArgumentIndex().length;
            String name = key.replace('.', '_');
            Method text = method(name);
            Method localizable = method("_" + name);

            assertThat(text.getReturnType()).isEqualTo(String.class);
            assertThat(text.getParameterCount()).as(key).isEqualTo(arguments);
            assertThat(localizable.getReturnType()).isEqualTo(Localizable.class);
            assertThat(localizable.getParameterCount()).as(key).isEqualTo(arguments);

            Object[] args = Arrays.stream(text.getParameterTypes()).map(t -> "ARG").toArray();
            String formatted = (String) text.invoke(null, args);
            assertThat(formatted).isEqualTo(new MessageFormat(p.getProperty(key)).format(args));
            assertThat(localizable.invoke(null, args).toString()).isEqualTo(formatted);
        }
    }

    @Test
    void noMethodWithoutKey() throws Exception {
        Set<String> keys = properties().stringPropertyNames().stream()
                .map(k -> k.replace('.', '_')).collect(Collectors.toCollection(TreeSet::new));
        Set<String> methods = Arrays.stream(Messages.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(m -> m.getName().startsWith("_") ? m.getName().substring(1) : m.getName())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(methods).isEqualTo(keys);
    }

    private static Method method(String name) {
        return Arrays.stream(Messages.class.getMethods())
                .filter(m -> m.getName().equals(name) && Modifier.isStatic(m.getModifiers()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Messages." + name + " is missing"));
    }
}
