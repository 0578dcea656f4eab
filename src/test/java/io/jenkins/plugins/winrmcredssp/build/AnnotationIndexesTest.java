package io.jenkins.plugins.winrmcredssp.build;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import net.java.sezpoz.Indexable;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.annotation_indexer.Indexed;

/**
 * The annotation processors of the main compilation (see pom.xml, default-compile) write the indexes Jenkins reads:
 * sezpoz's {@code META-INF/annotations/hudson.Extension} for {@code @Extension}, and ours,
 * {@code META-INF/services/annotations/org.jenkinsci.Symbol}, for {@code @Symbol}. Compiles fixtures with the same
 * processor path and reads the result the way Jenkins does (sezpoz's {@link Index}, annotation-indexer's line format).
 */
class AnnotationIndexesTest {
    private static final String SYMBOL_INDEX = "META-INF/services/annotations/org.jenkinsci.Symbol";
    private static final String EXTENSION_INDEX = "META-INF/annotations/hudson.Extension";

    @TempDir
    Path dir;

    @Test
    void extensionAndSymbolIndexesListTheAnnotatedClasses() throws Exception {
        Path out = compile(Map.of(
                "fixture/Greeter.java", """
                        package fixture;
                        @hudson.Extension @org.jenkinsci.Symbol("greet")
                        public class Greeter {}
                        """,
                "fixture/Outer.java", """
                        package fixture;
                        public class Outer {
                            @hudson.Extension(ordinal = 2) @org.jenkinsci.Symbol({"nested", "alias"})
                            public static class Nested {}
                            @hudson.Extension public static Object field() { return new Object(); }
                        }
                        """,
                "fixture/Plain.java", "package fixture; public class Plain {}\n"));

        assertThat(Files.readAllLines(out.resolve(SYMBOL_INDEX), StandardCharsets.UTF_8))
                .containsExactly("fixture.Greeter", "fixture.Outer$Nested");

        try (URLClassLoader loader = onlyResourcesOf(out)) {
            List<String> extensions = new ArrayList<>();
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                extensions.add(item.className() + (item.memberName() == null ? "" : "#" + item.memberName()));
                if (item.className().equals("fixture.Outer$Nested")) {
                    assertThat(item.annotation().ordinal()).isEqualTo(2.0);
                }
            }
            assertThat(new TreeSet<>(extensions))
                    .containsExactly("fixture.Greeter", "fixture.Outer#field", "fixture.Outer$Nested");
        }
    }

    @Test
    void noIndexWithoutAnnotatedClasses() throws Exception {
        Path out = compile(Map.of("fixture/Plain.java", "package fixture; public class Plain {}\n"));

        assertThat(out.resolve("fixture/Plain.class")).exists();
        assertThat(out.resolve(SYMBOL_INDEX)).doesNotExist();
        assertThat(out.resolve(EXTENSION_INDEX)).doesNotExist();
    }

    /** javac with the processor path and processors of the default-compile execution, against the stand-in. */
    private Path compile(Map<String, String> sources) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Path out = Files.createDirectories(dir.resolve("out"));
        List<String> args = new ArrayList<>(List.of(
                "-d", out.toString(),
                "-classpath", locationsOf(Extension.class, Symbol.class, Indexed.class, Indexable.class),
                "-processorpath", System.getProperty("winrmcredssp.buildtools.classes")
                        + File.pathSeparator + locationsOf(Indexable.class),
                "-processor", "net.java.sezpoz.impl.Indexer,"
                        + "io.jenkins.plugins.winrmcredssp.buildtools.IndexedAnnotationProcessor"));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = src.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(rc).as("javac: %s", diagnostics.toString(StandardCharsets.UTF_8)).isZero();
        return out;
    }

    /** Where the test loads these from: the stand-in here, the real jars in the {@code jenkins} profile. */
    private static String locationsOf(Class<?>... types) {
        return Arrays.stream(types)
                .map(t -> Path.of(t.getProtectionDomain().getCodeSource().getLocation().getPath()).toString())
                .distinct()
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Loads classes as the test does, but sees the resources (the indexes) of {@code dir} only. */
    private static URLClassLoader onlyResourcesOf(Path dir) throws IOException {
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, AnnotationIndexesTest.class.getClassLoader()) {
            @Override
            public Enumeration<URL> getResources(String name) throws IOException {
                return findResources(name);
            }
        };
    }
}
