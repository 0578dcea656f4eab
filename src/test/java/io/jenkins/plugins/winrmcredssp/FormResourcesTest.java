package io.jenkins.plugins.winrmcredssp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Every bound field of the steps and the builders is on the form, escaped, and has a help page: its own, or for the
 * copy step and builder the one their descriptors redirect to (connection fields to the command step's or builder's
 * pages, the builder's copy fields to the copy step's).
 */
class FormResourcesTest {
    static List<String> boundFields(Class<?> type) {
        List<String> fields = new ArrayList<>();
        Arrays.stream(type.getConstructors()).filter(c -> c.isAnnotationPresent(DataBoundConstructor.class))
                .flatMap(c -> Arrays.stream(c.getParameters())).map(Parameter::getName).forEach(fields::add);
        Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .map(Method::getName)
                .map(n -> Character.toLowerCase(n.charAt(3)) + n.substring(4)).forEach(fields::add);
        return fields;
    }

    private static String resource(Class<?> type, String name) throws IOException {
        try (InputStream in = type.getResourceAsStream(type.getSimpleName() + "/" + name)) {
            assertThat(in).as(type.getSimpleName() + "/" + name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {WinRmStep.class, WinRmBuilder.class})
    void everyFieldIsOnTheFormWithHelp(Class<?> type) throws IOException {
        String config = resource(type, "config.jelly");
        assertThat(config).startsWith("<?jelly escape-by-default='true'?>");
        List<String> fields = boundFields(type);
        assertThat(fields).contains("host", "credentialsId", "command", "powershell", "port", "transport",
                "certificateThumbprint", "caCertificate", "skipCertificateVerification", "authMechanism", "spn",
                "minCredSSPVersion", "timeout", "workingDirectory", "environment");
        for (String field : fields) {
            assertThat(config).as(field).contains("field=\"" + field + "\"");
            assertThat(resource(type, "help-" + field + ".html")).as(field).startsWith("<div>");
        }
        assertThat(resource(type, "help.html")).startsWith("<div>");
    }

    @ParameterizedTest
    @ValueSource(classes = {WinRmStep.class, WinRmBuilder.class})
    void returnValuesOnlyOnTheStep(Class<?> type) {
        assertThat(boundFields(type).contains("returnStdout")).isEqualTo(type == WinRmStep.class);
        assertThat(boundFields(type).contains("returnStatus")).isEqualTo(type == WinRmStep.class);
    }

    @ParameterizedTest
    @ValueSource(classes = {WinRmCopyStep.class, WinRmCopyBuilder.class})
    void copyFormsHaveEveryFieldWithOwnOrRedirectedHelp(Class<?> type) throws IOException {
        String config = resource(type, "config.jelly");
        assertThat(config).startsWith("<?jelly escape-by-default='true'?>");
        List<String> fields = boundFields(type);
        assertThat(fields).containsExactlyInAnyOrderElementsOf(
                concat(WinRmConnectionSettings.CONNECTION_FIELDS, WinRmCopySettings.COPY_FIELDS));
        Class<?> connectionHelp = type == WinRmCopyStep.class ? WinRmStep.class : WinRmBuilder.class;
        for (String field : fields) {
            assertThat(config).as(field).contains("field=\"" + field + "\"");
            Class<?> owner = WinRmConnectionSettings.CONNECTION_FIELDS.contains(field) ? connectionHelp
                    : WinRmCopyStep.class;
            assertThat(resource(owner, "help-" + field + ".html")).as(field).startsWith("<div>");
        }
        assertThat(resource(type, "help.html")).startsWith("<div>");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
