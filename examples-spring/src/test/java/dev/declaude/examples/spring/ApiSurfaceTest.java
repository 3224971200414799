package dev.declaude.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import dev.declaude.ClaudeClient;
import dev.declaude.annotation.ClaudePrompt;
import dev.declaude.aspects.DeclaudeAspects;
import dev.declaude.micrometer.DeclaudeMetrics;
import dev.declaude.redis.RedisRateLimitStore;
import dev.declaude.spring.DeclaudeAutoConfiguration;
import dev.declaude.testkit.ClaudeSimulator;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The public surface of each published artifact, compared with the list checked in under {@code
 * api/}: a new or changed public type or member fails the build until the list is updated, so every
 * change to the API is a line in review. Packages under {@code dev.declaude.internal} are not API
 * and are left out.
 *
 * <p>To accept a change, copy {@code examples-spring/target/api/<artifact>.txt} over {@code
 * api/<artifact>.txt}.
 */
class ApiSurfaceTest {
  private static final Path CHECKED_IN = Path.of("..", "api");
  private static final Path ACTUAL = Path.of("target", "api");

  @TestFactory
  Stream<DynamicTest> eachArtifactsSurfaceIsTheOneCheckedIn() {
    return Stream.of(
            artifact("declaude-annotations", ClaudePrompt.class),
            artifact("declaude-core", ClaudeClient.class),
            artifact("declaude-aspects", DeclaudeAspects.class),
            artifact("declaude-testkit", ClaudeSimulator.class),
            artifact("declaude-micrometer", DeclaudeMetrics.class),
            artifact("declaude-redis", RedisRateLimitStore.class),
            artifact("declaude-spring-boot-starter", DeclaudeAutoConfiguration.class))
        .map(a -> DynamicTest.dynamicTest(a.name(), () -> compare(a)));
  }

  private record Artifact(String name, Class<?> member) {}

  private static Artifact artifact(String name, Class<?> member) {
    return new Artifact(name, member);
  }

  private static void compare(Artifact artifact)
      throws IOException, URISyntaxException, ClassNotFoundException {
    String actual = String.join("\n", surface(artifact.member())) + "\n";
    Files.createDirectories(ACTUAL);
    Files.writeString(ACTUAL.resolve(artifact.name() + ".txt"), actual);
    Path expectedFile = CHECKED_IN.resolve(artifact.name() + ".txt");
    String expected = Files.exists(expectedFile) ? Files.readString(expectedFile) : "";
    assertEquals(
        expected,
        actual,
        "the public API of "
            + artifact.name()
            + " changed; if that is intended, copy "
            + "examples-spring/target/api/"
            + artifact.name()
            + ".txt to api/ and commit it\n"
            + diff(expected, actual));
  }

  /** Returns one line per public type and per public or protected member of it, sorted. */
  private static Set<String> surface(Class<?> member)
      throws URISyntaxException, ClassNotFoundException {
    Location jar = Location.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> lines = new TreeSet<>();
    for (JavaClass c : new ClassFileImporter().importLocations(List.of(jar))) {
      if (c.getPackageName().contains(".internal")
          || !c.getPackageName().startsWith("dev.declaude")) {
        continue;
      }
      Class<?> type = Class.forName(c.getName(), false, ApiSurfaceTest.class.getClassLoader());
      if (!visible(type)) {
        continue;
      }
      String name = type.getName();
      lines.add(name + " : " + describe(type));
      for (Constructor<?> k : type.getDeclaredConstructors()) {
        if (exposed(k)) {
          lines.add(name + " : " + k.toGenericString().replace(name, "<init>"));
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (exposed(m) && !m.isBridge()) {
          lines.add(name + " : " + m.toGenericString());
        }
      }
      for (Field f : type.getDeclaredFields()) {
        if (exposed(f)) {
          lines.add(name + " : " + f.toGenericString());
        }
      }
    }
    return lines;
  }

  // A public type whose enclosing types are public too; a protected member counts only where it can
  // be inherited.
  private static boolean visible(Class<?> type) {
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
        return false;
      }
    }
    return true;
  }

  private static boolean exposed(Member m) {
    if (m.isSynthetic()) {
      return false;
    }
    int mods = m.getModifiers();
    return Modifier.isPublic(mods)
        || (Modifier.isProtected(mods) && !Modifier.isFinal(m.getDeclaringClass().getModifiers()));
  }

  private static String describe(Class<?> type) {
    String kind =
        type.isAnnotation()
            ? "@interface"
            : type.isInterface()
                ? "interface"
                : type.isEnum() ? "enum" : type.isRecord() ? "record" : "class";
    StringBuilder s =
        new StringBuilder(
                Modifier.toString(
                    type.getModifiers() & ~Modifier.INTERFACE & ~Modifier.ABSTRACT
                        | (type.isInterface() ? 0 : type.getModifiers() & Modifier.ABSTRACT)))
            .append(' ')
            .append(kind);
    if (type.getGenericSuperclass() != null
        && type.getSuperclass() != Object.class
        && !type.isEnum()
        && !type.isRecord()) {
      s.append(" extends ").append(type.getGenericSuperclass().getTypeName());
    }
    List<String> interfaces = new ArrayList<>();
    for (var i : type.getGenericInterfaces()) {
      interfaces.add(i.getTypeName());
    }
    if (!interfaces.isEmpty() && !type.isAnnotation()) {
      s.append(type.isInterface() ? " extends " : " implements ")
          .append(String.join(", ", interfaces));
    }
    if (type.isSealed()) {
      List<String> permitted = new ArrayList<>();
      for (Class<?> p : type.getPermittedSubclasses()) {
        permitted.add(p.getName());
      }
      s.append(" permits ").append(String.join(", ", permitted));
    }
    return s.toString().trim();
  }

  private static String diff(String expected, String actual) {
    Set<String> before = new TreeSet<>(expected.lines().toList());
    Set<String> after = new TreeSet<>(actual.lines().toList());
    StringBuilder out = new StringBuilder();
    before.stream()
        .filter(l -> !after.contains(l))
        .forEach(l -> out.append("- ").append(l).append('\n'));
    after.stream()
        .filter(l -> !before.contains(l))
        .forEach(l -> out.append("+ ").append(l).append('\n'));
    return out.toString();
  }
}
