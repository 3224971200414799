package dev.declaude.internal.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The one set of rules for {@code @ClaudePrompt} and {@code @RetryOn} declarations, run by the
 * annotation processor at compile time and by {@code ClaudeClient.create()} at run time. Immutable
 * and thread-safe.
 *
 * <pre>{@code
 * List<Violation> found = RuleSet.standard().check(ReflectiveServiceReader.describe(SupportBot.class), today);
 * }</pre>
 *
 * <p>Each rule is a {@link Rule} with a stable id; see there for the list.
 */
public final class RuleSet {
  private static final RuleSet STANDARD = new RuleSet(ModelCatalogue.standard(), null);

  /**
   * Other libraries' retry annotations, by qualified name: on a method that {@code @RetryOn} also
   * retries they multiply the attempts ({@link Rule#RETRY_STACKED}).
   */
  public static final Set<String> FOREIGN_RETRY_ANNOTATIONS =
      Set.of(
          "org.springframework.retry.annotation.Retryable",
          // Spring Framework 7's own, which Spring Boot 4 applications use without Spring Retry.
          "org.springframework.resilience.annotation.Retryable",
          "io.github.resilience4j.retry.annotation.Retry",
          "org.eclipse.microprofile.faulttolerance.Retry");

  private final ModelCatalogue catalogue;
  private final String defaultModel;

  private RuleSet(ModelCatalogue catalogue, String defaultModel) {
    this.catalogue = catalogue;
    this.defaultModel = defaultModel == null ? catalogue.defaultModel().id() : defaultModel;
  }

  /** Returns the rules over the standard model catalogue, taking the catalogue's default model. */
  public static RuleSet standard() {
    return STANDARD;
  }

  /**
   * Returns these rules checking methods that name no model against {@code modelId}, the client's
   * default model, instead of the catalogue's.
   */
  public RuleSet withDefaultModel(String modelId) {
    return new RuleSet(catalogue, Objects.requireNonNull(modelId, "modelId"));
  }

  /**
   * Returns every rule {@code service} breaks, errors and warnings, in declaration order. Model
   * lifecycle is judged on {@code today}.
   */
  public List<Violation> check(ServiceDescription service, LocalDate today) {
    Findings f = new Findings(Objects.requireNonNull(today, "today"), catalogue, defaultModel);
    if (service.retry() != null) {
      RetryChecks.retry(service.retry(), null, f);
    }
    SecretChecks.constants(service, f);
    boolean declaresCalls = service.methods().stream().anyMatch(m -> m.prompt() != null);
    for (MethodDescription m : service.methods()) {
      if (m.prompt() != null) {
        prompt(service, m, f);
      } else if (declaresCalls) {
        PlacementChecks.missing(service, m, f);
      }
      SecretChecks.apiKeys(m, f);
      if (m.retry() != null) {
        RetryChecks.retry(m.retry(), m, f);
      }
      RetryChecks.stacked(service, m, f);
    }
    return f.violations();
  }

  private static void prompt(ServiceDescription s, MethodDescription m, Findings f) {
    boolean implemented = PlacementChecks.placement(s, m, f);
    PromptTemplate template = TemplateChecks.template(m, f);
    if (implemented) {
      if (template != null) {
        TemplateChecks.placeholders(m, template, f);
      }
      SignatureChecks.specialParameters(m, f);
      SignatureChecks.returnType(m, f);
    }
    MessageChecks.turns(m, f);
    ModelChecks.model(m, f);
    ModelChecks.stopSequences(m, f);
    ContextChecks.context(m.context(), s.context(), m, f);
  }

  /** Returns every rule one {@code @RetryOn} breaks, on its own (as woven code meets it). */
  public List<Violation> checkRetry(RetryDescription retry, LocalDate today) {
    Findings f = new Findings(Objects.requireNonNull(today, "today"), catalogue, defaultModel);
    RetryChecks.retry(retry, null, f);
    return f.violations();
  }

  /**
   * Returns every rule a type breaks as {@code ClaudeClient.create()} sees it: the rules, plus that
   * it is an interface declaring Claude calls. Errors and warnings, in declaration order; {@code
   * create()} throws on the errors and logs the warnings.
   */
  public List<Violation> checkService(Class<?> service, LocalDate today) {
    return checkService(ReflectiveServiceReader.describe(service), today);
  }

  /** As {@link #checkService(Class, LocalDate)}, on a description already read. */
  public List<Violation> checkService(ServiceDescription d, LocalDate today) {
    List<Violation> all = new ArrayList<>();
    if (!d.isInterface() || d.methods().stream().noneMatch(m -> m.prompt() != null)) {
      all.add(
          new Violation(
              Rule.SERVICE_TYPE,
              d.simpleName()
                  + " is not a declaude service: ClaudeClient.create() needs an interface whose"
                  + " methods carry @ClaudePrompt",
              d.location(),
              null));
    }
    all.addAll(check(d, today));
    return all;
  }
}
