package dev.declaude.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The directions between core's packages (and the annotations and rules artifacts it builds on), as
 * the README's "Modules" section lists them: each package may use only the packages named here, and
 * no packages depend on each other in a cycle. A new dependency between packages is a decision to
 * make here, in review.
 */
class LayeringTest {
  private static final String ROOT = "dev.declaude";

  /** Each package, and the declaude packages it may use besides itself (and outside libraries). */
  private static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

  static {
    MAY_USE.put("annotation", List.of());
    MAY_USE.put("wire", List.of("annotation"));
    MAY_USE.put("response", List.of("annotation", "wire"));
    // internal: the hook by which the retry engine records attempts on an exception
    // (ExceptionAccess).
    MAY_USE.put("error", List.of("annotation", "response", "wire", "internal"));
    MAY_USE.put("transport", List.of("annotation", "error", "response", "wire"));
    MAY_USE.put("service", List.of());
    MAY_USE.put("ratelimit", List.of());
    // Never internal.http or internal.service: the engine retries any attempt, not only HTTP ones.
    MAY_USE.put(
        "retry",
        List.of(
            "annotation",
            "error",
            "response",
            "ratelimit",
            "internal",
            "internal.ratelimit",
            "internal.rules"));
    MAY_USE.put("event", List.of("annotation", "error", "response", "retry", "wire"));
    MAY_USE.put("internal", List.of());
    MAY_USE.put("internal.rules", List.of("annotation"));
    MAY_USE.put(
        "internal.ratelimit", List.of("annotation", "error", "response", "ratelimit", "internal"));
    MAY_USE.put("internal.retry", List.of("annotation", "error", "retry", "internal.rules"));
    MAY_USE.put(
        "internal.http",
        List.of("annotation", "error", "response", "transport", "wire", "internal"));
    MAY_USE.put(
        "internal.service",
        List.of(
            "annotation",
            "error",
            "event",
            "response",
            "retry",
            "service",
            "transport",
            "wire",
            "internal",
            "internal.ratelimit",
            "internal.retry",
            "internal.rules"));
  }

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
  }

  @TestFactory
  Stream<DynamicTest> eachPackageUsesOnlyThePackagesItMay() {
    List<DynamicTest> tests = new ArrayList<>();
    MAY_USE.forEach(
        (pkg, allowed) ->
            tests.add(
                DynamicTest.dynamicTest(
                    pkg,
                    () -> {
                      List<String> permitted = new ArrayList<>();
                      permitted.add(ROOT + "." + pkg);
                      allowed.forEach(a -> permitted.add(ROOT + "." + a));
                      ArchRule rule =
                          noClasses()
                              .that()
                              .resideInAPackage(ROOT + "." + pkg)
                              .should()
                              .dependOnClassesThat(
                                  resideInAPackage(ROOT + "..")
                                      .and(
                                          not(
                                              resideInAnyPackage(
                                                  permitted.toArray(String[]::new)))))
                              .because(
                                  pkg
                                      + " may use only "
                                      + (allowed.isEmpty() ? "itself" : allowed));
                      rule.check(classes);
                    })));
    return tests.stream();
  }

  @Test
  void everyPackageIsPlacedInTheLayering() {
    List<String> unplaced =
        classes.stream()
            .map(c -> c.getPackageName())
            .filter(p -> !p.equals(ROOT))
            .map(p -> p.substring(ROOT.length() + 1))
            .filter(p -> !MAY_USE.containsKey(p))
            .distinct()
            .sorted()
            .toList();

    org.junit.jupiter.api.Assertions.assertEquals(
        List.of(),
        unplaced,
        "packages with no place in LayeringTest.MAY_USE; decide what each may use");
  }

  @Test
  void noPackagesDependOnEachOtherInACycle() {
    slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void nothingBelowTheClientUsesTheClient() {
    noClasses()
        .that()
        .resideOutsideOfPackage(ROOT)
        .should()
        .dependOnClassesThat()
        .resideInAPackage(ROOT)
        .because("the client package sits on top of the others; a dependency back on it is a cycle")
        .check(classes);
  }
}
