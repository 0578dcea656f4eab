package io.jenkins.plugins.winrmcredssp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the protocol stack free of Jenkins so it stays usable from the CLI, tests and other programs. */
class ArchitectureTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.winrmcredssp");

    @Test
    void protocolHasNoJenkinsImports() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.winrmcredssp.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "com.cloudbees..",
                        "io.jenkins.plugins.winrmcredssp")
                .because("the protocol library must not depend on Jenkins or on the plugin glue")
                .allowEmptyShould(false)
                .check(PRODUCTION);
    }

    @Test
    void runnerHasNoJenkinsImports() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.winrmcredssp.runner..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..", "com.cloudbees..")
                .because("the step and the builder share one runner that works without Jenkins")
                .allowEmptyShould(false)
                .check(PRODUCTION);
    }
}
