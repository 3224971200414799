package dev.declaude.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The aspects are a thin adapter: they use the annotations, the errors, the retry engine and the
 * translator, never the service factory or the HTTP transport. Type names written in pointcut
 * strings count too, since a renamed type would make a pointcut silently match nothing.
 */
class AspectsLayeringTest {
  private static final String ASPECTS = "dev.declaude.aspects";
  private static final List<String> FORBIDDEN =
      List.of("dev.declaude.internal.service..", "dev.declaude.internal.http..");
  private static final Pattern NAME =
      Pattern.compile("dev\\.declaude(?:\\.[A-Za-z_$][\\w$]*)+(\\.\\.\\*)?");

  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ASPECTS);
  }

  @Test
  void theAspectsUseNeitherTheServiceFactoryNorTheTransport() {
    noClasses()
        .that()
        .resideInAPackage(ASPECTS)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(FORBIDDEN.toArray(String[]::new))
        .check(classes);
  }

  @Test
  void everyNameInAPointcutExistsAndIsOneTheAspectsMayUse() throws Exception {
    List<String> problems = new ArrayList<>();
    int names = 0;
    for (JavaClass c : classes) {
      if (!c.getPackageName().equals(ASPECTS)) {
        continue;
      }
      for (Method m : Class.forName(c.getName()).getDeclaredMethods()) {
        for (Annotation a : m.getDeclaredAnnotations()) {
          for (String expression : pointcutsOf(a)) {
            Matcher matcher = NAME.matcher(expression);
            while (matcher.find()) {
              names++;
              String problem = check(matcher.group(), matcher.group(1) != null);
              if (problem != null) {
                problems.add(c.getSimpleName() + "." + m.getName() + ": " + problem);
              }
            }
          }
        }
      }
    }

    assertEquals(List.of(), problems);
    // The pointcuts do name types (the annotation, the marker, one another); a scan that found none
    // is broken.
    assertEquals(true, names >= 5, "found " + names + " names");
  }

  private static List<String> pointcutsOf(Annotation a) throws ReflectiveOperationException {
    if (!a.annotationType().getPackageName().equals("org.aspectj.lang.annotation")) {
      return List.of();
    }
    List<String> all = new ArrayList<>();
    for (String element : List.of("value", "pointcut")) {
      try {
        Object v = a.annotationType().getMethod(element).invoke(a);
        if (v instanceof String s && !s.isEmpty()) {
          all.add(s);
        }
      } catch (NoSuchMethodException absent) {
        // This kind of advice has no such element.
      }
    }
    return all;
  }

  /**
   * Returns why a name in a pointcut is wrong, or null: it must be a package, a type, or a type's
   * method.
   */
  private static String check(String name, boolean packagePattern) {
    String pkg;
    if (packagePattern) {
      pkg = name.substring(0, name.length() - "..*".length());
      if (Package.getPackage(pkg) == null
          && classes.stream().noneMatch(c -> c.getPackageName().startsWith(pkg))
          && !pkg.equals(ASPECTS)) {
        return "no package " + pkg;
      }
    } else {
      Class<?> type = load(name);
      if (type == null) {
        int dot = name.lastIndexOf('.');
        Class<?> owner = load(name.substring(0, dot));
        String method = name.substring(dot + 1);
        if (owner == null
            || java.util.Arrays.stream(owner.getDeclaredMethods())
                .noneMatch(x -> x.getName().equals(method))) {
          return name + " is no type and no type's method";
        }
        type = owner;
      }
      pkg = type.getPackageName();
    }
    for (String forbidden : FORBIDDEN) {
      if ((pkg + ".").startsWith(forbidden.substring(0, forbidden.length() - 1))) {
        return name + " is in " + pkg + ", which the aspects may not use";
      }
    }
    return null;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, AspectsLayeringTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }
}
