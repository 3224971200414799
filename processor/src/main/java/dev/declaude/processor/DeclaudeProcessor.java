package dev.declaude.processor;

import dev.declaude.internal.rules.RuleSet;
import dev.declaude.internal.rules.ServiceDescription;
import dev.declaude.internal.rules.Severity;
import dev.declaude.internal.rules.Violation;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Checks {@code @ClaudePrompt} and {@code @RetryOn} declarations at compile time with core's {@link
 * RuleSet}, the rules {@code ClaudeClient.create()} applies at run time. Each broken rule becomes a
 * javac error or warning on the exact annotation value, tagged {@code [declaude:<rule-id>]}.
 *
 * <p>Register it on the processor path ({@code annotationProcessorPaths}): JDK 23 and later no
 * longer run processors found only on the class path. A warning is silenced by
 * {@code @SuppressWarnings("declaude:<rule-id>")}, or {@code @SuppressWarnings("declaude")} for
 * all, on the method or an enclosing type. The option {@code -Adeclaude.today=YYYY-MM-DD} fixes the
 * date model lifecycles are judged on (for tests); the default is today in UTC.
 */
@SupportedAnnotationTypes({
  "dev.declaude.annotation.ClaudePrompt",
  "dev.declaude.annotation.RetryOn"
})
@SupportedOptions(DeclaudeProcessor.TODAY_OPTION)
public final class DeclaudeProcessor extends AbstractProcessor {
  /** The option that fixes the date model lifecycles are judged on. */
  public static final String TODAY_OPTION = "declaude.today";

  private final Set<String> done = new HashSet<>();

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> types = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      for (Element e : round.getElementsAnnotatedWith(annotation)) {
        Element type = e instanceof TypeElement ? e : e.getEnclosingElement();
        if (type instanceof TypeElement
            && done.add(((TypeElement) type).getQualifiedName().toString())) {
          types.add((TypeElement) type);
        }
      }
    }
    LocalDate today = today();
    for (TypeElement type : types) {
      check(type, today);
    }
    return false; // others may process our annotations too
  }

  private void check(TypeElement type, LocalDate today) {
    try {
      ServiceDescription d =
          new ElementServiceReader(processingEnv.getElementUtils()).describe(type);
      List<Violation> found = RuleSet.standard().check(d, today);
      for (Violation v : found) {
        report(v);
      }
    } catch (RuntimeException e) {
      // A bug of ours must not crash javac or hide the user's other errors (AutoValue does the
      // same).
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.ERROR,
              "[declaude:internal-error] declaude's processor failed on "
                  + type.getSimpleName()
                  + ": "
                  + e
                  + "; please report this, with the declaration",
              type);
    }
  }

  private void report(Violation v) {
    ElementLocation at = (ElementLocation) v.location();
    if (v.severity() == Severity.WARNING && Suppressions.suppressed(at.element, v.ruleId())) {
      return;
    }
    Diagnostic.Kind kind =
        v.severity() == Severity.ERROR ? Diagnostic.Kind.ERROR : Diagnostic.Kind.WARNING;
    AnnotationMirror mirror = at.mirror;
    AnnotationValue value = at.value;
    if (mirror == null) {
      processingEnv.getMessager().printMessage(kind, v.render(), at.element);
    } else if (value == null) {
      processingEnv.getMessager().printMessage(kind, v.render(), at.element, mirror);
    } else {
      processingEnv.getMessager().printMessage(kind, v.render(), at.element, mirror, value);
    }
  }

  private LocalDate today() {
    String fixed = processingEnv.getOptions().get(TODAY_OPTION);
    if (fixed == null) {
      return LocalDate.now(ZoneOffset.UTC);
    }
    try {
      return LocalDate.parse(fixed);
    } catch (DateTimeParseException e) {
      processingEnv
          .getMessager()
          .printMessage(
              Diagnostic.Kind.WARNING,
              "-A" + TODAY_OPTION + "=" + fixed + " is not a date like 2026-08-22; using today");
      return LocalDate.now(ZoneOffset.UTC);
    }
  }
}
