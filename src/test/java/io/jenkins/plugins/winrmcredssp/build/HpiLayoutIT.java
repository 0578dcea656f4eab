package io.jenkins.plugins.winrmcredssp.build;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.Extension;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.AnnotatedElement;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import net.java.sezpoz.Index;
import net.java.sezpoz.IndexItem;
import org.jenkinsci.Symbol;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged plugin, {@code target/winrm-credssp.hpi}, has the layout and manifests maven-hpi-plugin would give it
 * and Jenkins expects (docs/jenkins-build.md), its extension and symbol indexes list exactly the annotated classes,
 * and it ships neither the Jenkins API stand-in nor the libraries Jenkins' API plugins provide.
 */
class HpiLayoutIT {
    private static final String PLUGIN_JAR = "WEB-INF/lib/winrm-credssp.jar";
    private static final String PLUGIN_PACKAGE = "io/jenkins/plugins/winrmcredssp/";
    private static final String EXTENSION_INDEX = "META-INF/annotations/hudson.Extension";
    private static final String SYMBOL_INDEX = "META-INF/services/annotations/org.jenkinsci.Symbol";
    private static final List<String> PLUGIN_ATTRIBUTES = List.of("Group-Id", "Artifact-Id", "Short-Name", "Long-Name",
            "Url", "Plugin-Version", "Jenkins-Version", "Hudson-Version", "Plugin-Dependencies", "Plugin-Developers",
            "Plugin-License-Name", "Plugin-License-Url", "Support-Dynamic-Loading");
    /** Provided by Jenkins core or an API plugin (bouncycastle-api, apache-httpcomponents-client-5-api): never bundled. */
    private static final List<String> PROVIDED_JAR_PREFIXES = List.of("bcprov", "bcutil", "bcpkix", "bcpg", "bctls",
            "httpclient5", "httpcore5", "slf4j", "sezpoz", "localizer", "guava", "spring-", "ant-", "jenkins-core",
            "remoting");
    /** Packages of the Jenkins API stand-in and of the build tooling: compile-time only. */
    private static final List<String> NOT_SHIPPED = List.of("hudson/", "jenkins/", "org/", "com/", "net/",
            PLUGIN_PACKAGE + "standin/", PLUGIN_PACKAGE + "buildtools/");

    @TempDir
    static Path tmp;
    static Path hpi;
    static Path pluginJar;

    @BeforeAll
    static void extractPluginJar() throws IOException {
        hpi = Path.of(System.getProperty("winrmcredssp.hpi"));
        assertThat(hpi).isRegularFile();
        pluginJar = tmp.resolve("winrm-credssp.jar");
        try (ZipFile zip = new ZipFile(hpi.toFile())) {
            ZipEntry entry = zip.getEntry(PLUGIN_JAR);
            assertThat(entry).as(PLUGIN_JAR).isNotNull();
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, pluginJar);
            }
        }
    }

    @Test
    void hpiHoldsThePluginJarAndNoProvidedLibrariesOrLooseClasses() throws IOException {
        List<String> entries = entries(hpi);

        assertThat(entries).contains("META-INF/MANIFEST.MF", PLUGIN_JAR);
        assertThat(entries).noneMatch(e -> e.startsWith("WEB-INF/classes/"));
        assertThat(entries).noneMatch(e -> e.endsWith(".class"));
        List<String> libraries = entries.stream()
                .filter(e -> e.startsWith("WEB-INF/lib/") && e.endsWith(".jar"))
                .map(e -> e.substring("WEB-INF/lib/".length()))
                .toList();
        assertThat(libraries).contains("winrm-credssp.jar");
        for (String library : libraries) {
            assertThat(PROVIDED_JAR_PREFIXES).as("bundled %s", library).noneMatch(library::startsWith);
        }
    }

    @Test
    void pluginJarHoldsOnlyPluginClassesAndTheResources() throws IOException {
        List<String> entries = entries(pluginJar);

        assertThat(entries).contains("index.jelly");
        assertThat(entries.stream().filter(e -> e.endsWith(".class")))
                .isNotEmpty()
                .allMatch(e -> e.startsWith(PLUGIN_PACKAGE));
        for (String prefix : NOT_SHIPPED) {
            assertThat(entries).as("entries under %s", prefix).noneMatch(e -> e.startsWith(prefix));
        }
    }

    @Test
    void bothManifestsDeclareThePluginIdentically() throws IOException {
        Attributes outer = manifest(hpi);
        Attributes inner = manifest(pluginJar);

        for (String name : PLUGIN_ATTRIBUTES) {
            assertThat(outer.getValue(name)).as(name).isNotBlank();
            assertThat(inner.getValue(name)).as("%s in the plugin jar", name).isEqualTo(outer.getValue(name));
        }
        assertThat(outer.getValue("Group-Id")).isEqualTo("io.jenkins.plugins");
        assertThat(outer.getValue("Artifact-Id")).isEqualTo("winrm-credssp");
        assertThat(outer.getValue("Short-Name")).isEqualTo("winrm-credssp");
        assertThat(outer.getValue("Long-Name")).isEqualTo("WinRM CredSSP");
        assertThat(outer.getValue("Url")).startsWith("https://");
        assertThat(outer.getValue("Plugin-Version")).isEqualTo(System.getProperty("winrmcredssp.version"));
        assertThat(outer.getValue("Jenkins-Version")).isEqualTo("2.541.3");
        assertThat(outer.getValue("Hudson-Version")).isEqualTo("2.541.3");
        assertThat(outer.getValue("Plugin-Developers")).matches("[^:,]+:[^:,]*:[^:,]*(,[^:,]+:[^:,]*:[^:,]*)*");
        assertThat(outer.getValue("Plugin-License-Name")).isEqualTo("MIT License");
        assertThat(outer.getValue("Plugin-License-Url")).isEqualTo("https://opensource.org/licenses/MIT");
        assertThat(outer.getValue("Support-Dynamic-Loading")).isEqualTo("true");
        assertThat(outer.getValue("Plugin-Class")).as("no hudson.Plugin subclass").isNull();
    }

    @Test
    void pluginDependenciesAreTheApiPluginsOfTheBaseline() throws IOException {
        Map<String, String> dependencies = new LinkedHashMap<>();
        for (String dependency : manifest(hpi).getValue("Plugin-Dependencies").split(",")) {
            assertThat(dependency).as("required, id:version").matches("[a-z0-9-]+:[0-9][A-Za-z0-9._-]*");
            String[] idVersion = dependency.split(":");
            dependencies.put(idVersion[0], idVersion[1]);
        }
        assertThat(dependencies).containsOnlyKeys(
                "credentials", "workflow-step-api", "bouncycastle-api", "apache-httpcomponents-client-5-api");
        assertThat(dependencies.get("bouncycastle-api")).startsWith("2.30.1.84-");
        assertThat(dependencies.get("apache-httpcomponents-client-5-api")).startsWith("5.6.4-");
    }

    @Test
    void extensionIndexListsExactlyTheExtensionsOfThePluginJar() throws Exception {
        try (PluginJarLoader loader = new PluginJarLoader(pluginJar)) {
            Set<String> annotated = new TreeSet<>();
            for (Class<?> type : loader.pluginClasses()) {
                if (type.isAnnotationPresent(Extension.class)) {
                    annotated.add(type.getName());
                }
                Stream.concat(Arrays.stream(type.getDeclaredFields()), Arrays.stream(type.getDeclaredMethods()))
                        .filter(member -> ((AnnotatedElement) member).isAnnotationPresent(Extension.class))
                        .forEach(member -> annotated.add(type.getName() + "#" + member.getName()));
            }
            Set<String> indexed = new TreeSet<>();
            for (IndexItem<Extension, Object> item : Index.load(Extension.class, Object.class, loader)) {
                indexed.add(item.className() + (item.memberName() == null ? "" : "#" + item.memberName()));
            }

            assertThat(indexed).isEqualTo(annotated);
            assertThat(entries(pluginJar).contains(EXTENSION_INDEX)).isEqualTo(!annotated.isEmpty());
        }
    }

    @Test
    void symbolIndexListsExactlyTheSymbolsOfThePluginJar() throws Exception {
        try (PluginJarLoader loader = new PluginJarLoader(pluginJar); JarFile jar = new JarFile(pluginJar.toFile())) {
            Set<String> annotated = new TreeSet<>();
            for (Class<?> type : loader.pluginClasses()) {
                if (type.isAnnotationPresent(Symbol.class)) {
                    annotated.add(type.getName());
                }
            }
            ZipEntry index = jar.getEntry(SYMBOL_INDEX);
            List<String> indexed = new ArrayList<>();
            if (index != null) {
                try (InputStream in = jar.getInputStream(index)) {
                    indexed.addAll(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
                }
            }

            assertThat(indexed).containsExactlyElementsOf(annotated);
            assertThat(index != null).isEqualTo(!annotated.isEmpty());
        }
    }

    private static List<String> entries(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }

    private static Attributes manifest(Path archive) throws IOException {
        try (JarFile jar = new JarFile(archive.toFile())) {
            Manifest manifest = jar.getManifest();
            assertThat(manifest).as("manifest of %s", archive).isNotNull();
            return manifest.getMainAttributes();
        }
    }

    /**
     * Defines the plugin's classes from the extracted plugin jar itself (not from the class path) and sees only its
     * resources; the Jenkins API stand-in and the libraries come from the test class path.
     */
    private static final class PluginJarLoader extends URLClassLoader {
        private final Path jar;

        PluginJarLoader(Path jar) throws IOException {
            super(new URL[] {jar.toUri().toURL()}, HpiLayoutIT.class.getClassLoader());
            this.jar = jar;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (name.startsWith("io.jenkins.plugins.winrmcredssp.") && findResource(toPath(name)) != null) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
                return super.loadClass(name, resolve);
            }
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return findResources(name);
        }

        List<Class<?>> pluginClasses() throws IOException, ClassNotFoundException {
            List<Class<?>> classes = new ArrayList<>();
            for (String entry : entries(jar)) {
                if (entry.endsWith(".class") && !entry.endsWith("module-info.class")) {
                    String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
                    classes.add(Class.forName(name, false, this));
                }
            }
            return classes;
        }

        private static String toPath(String className) {
            return className.replace('.', '/') + ".class";
        }
    }
}
