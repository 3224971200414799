package dev.declaude.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The processor runs in a user's javac: it may use the annotations and the rule set, nothing else
 * of declaude.
 */
class ProcessorLayeringTest {
  @Test
  void theProcessorUsesOnlyTheAnnotationsAndTheRules() {
    noClasses()
        .that()
        .resideInAPackage("dev.declaude.processor")
        .should()
        .dependOnClassesThat(
            resideInAPackage("dev.declaude..")
                .and(
                    not(
                        resideInAnyPackage(
                            "dev.declaude.processor",
                            "dev.declaude.annotation",
                            "dev.declaude.internal.rules"))))
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.declaude.processor"));
  }
}
