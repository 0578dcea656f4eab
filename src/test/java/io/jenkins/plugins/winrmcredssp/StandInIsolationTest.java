package io.jenkins.plugins.winrmcredssp;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Plugin code uses only the Jenkins API itself: the stand-in's test controls and the build tooling exist at build time
 * only (HpiLayoutIT checks they are not shipped; this checks nothing shipped refers to them).
 */
class StandInIsolationTest {
    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/stand-in-classes/"))
            .importPackages("io.jenkins.plugins.winrmcredssp");

    @Test
    void pluginCodeDoesNotUseStandInControlsOrBuildTooling() {
        noClasses().that().resideInAPackage("io.jenkins.plugins.winrmcredssp..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.jenkins.plugins.winrmcredssp.standin..", "io.jenkins.plugins.winrmcredssp.buildtools..")
                .allowEmptyShould(false)
                .check(PRODUCTION);
    }
}
