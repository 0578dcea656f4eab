package io.jenkins.plugins.winrmcredssp.buildtools;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Writes the index that annotation-indexer's {@code org.jvnet.hudson.annotation_indexer.Index} reads at run time, for
 * every annotation meta-annotated {@code @org.jvnet.hudson.annotation_indexer.Indexed} (in this plugin:
 * {@code @org.jenkinsci.Symbol}). Jenkins resolves a symbol (pipeline and Job DSL names, snippet generator) through
 * that index only; annotation-indexer's own processor cannot be downloaded here, so the build runs this one.
 *
 * <p>The format is annotation-indexer's: {@code META-INF/services/annotations/<annotation binary name>}, UTF-8, one
 * binary class name per line, sorted, a member's annotation recorded as its declaring class. Build tooling only: this
 * class is compiled into {@code target/build-tools-classes} and never shipped.
 */
public final class IndexedAnnotationProcessor extends AbstractProcessor {
    static final String INDEXED = "org.jvnet.hudson.annotation_indexer.Indexed";
    static final String INDEX_PREFIX = "META-INF/services/annotations/";

    /** Annotation binary name -> binary names of the classes using it, collected over all rounds. */
    private final Map<String, Set<String>> uses = new TreeMap<>();
    private final Map<String, Set<Element>> originatingElements = new TreeMap<>();

    @Override
    public Set<String> getSupportedAnnotationTypes() {
        return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (round.processingOver()) {
            uses.forEach(this::writeIndex);
            return false;
        }
        for (TypeElement annotation : annotations) {
            if (!isIndexed(annotation)) {
                continue;
            }
            String name = binaryName(annotation);
            for (Element annotated : round.getElementsAnnotatedWith(annotation)) {
                TypeElement owner = declaringType(annotated);
                if (owner == null) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                            "@" + name + " is indexed on classes, fields and methods only", annotated);
                    continue;
                }
                uses.computeIfAbsent(name, n -> new TreeSet<>()).add(binaryName(owner));
                originatingElements.computeIfAbsent(name, n -> new HashSet<>()).add(annotated);
            }
        }
        return false;
    }

    private boolean isIndexed(TypeElement annotation) {
        for (AnnotationMirror meta : annotation.getAnnotationMirrors()) {
            if (binaryName((TypeElement) meta.getAnnotationType().asElement()).equals(INDEXED)) {
                return true;
            }
        }
        return false;
    }

    private static TypeElement declaringType(Element annotated) {
        switch (annotated.getKind()) {
            case CLASS, INTERFACE, ENUM, RECORD, ANNOTATION_TYPE:
                return (TypeElement) annotated;
            case FIELD, METHOD, CONSTRUCTOR:
                return (TypeElement) annotated.getEnclosingElement();
            default:
                return null;
        }
    }

    private String binaryName(TypeElement type) {
        return processingEnv.getElementUtils().getBinaryName(type).toString();
    }

    private void writeIndex(String annotation, Set<String> classes) {
        Element[] origin = originatingElements.get(annotation).toArray(new Element[0]);
        try {
            FileObject index = processingEnv.getFiler()
                    .createResource(StandardLocation.CLASS_OUTPUT, "", INDEX_PREFIX + annotation, origin);
            try (Writer out = new OutputStreamWriter(index.openOutputStream(), StandardCharsets.UTF_8)) {
                for (String name : classes) {
                    out.write(name);
                    out.write('\n');
                }
            }
        } catch (IOException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    "cannot write " + INDEX_PREFIX + annotation + ": " + e);
        }
    }
}
