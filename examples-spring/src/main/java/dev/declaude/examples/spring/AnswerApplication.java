package dev.declaude.examples.spring;

import dev.declaude.spring.EnableClaudeServices;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that answers {@code GET /answer?question=...} through {@link
 * AnswerBot}, with the client's meters at {@code /actuator/metrics} and its health at {@code
 * /actuator/health/declaude}.
 *
 * <pre>
 * mvn -B -q -DskipTests -pl examples-spring -am package exec:exec
 * curl 'http://localhost:8080/answer?question=How+far+is+the+moon%3F'
 * </pre>
 */
@SpringBootApplication
@EnableClaudeServices
public class AnswerApplication {
  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(AnswerApplication.class, args);
  }
}
