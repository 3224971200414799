package dev.declaude.examples.spring;

import dev.declaude.error.ClaudeApiException;
import dev.declaude.error.ClaudeException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /answer?question=...}: the question and Claude's answer, as JSON. */
@RestController
class AnswerController {
  /** The answer to one question. */
  record Answer(String question, String answer) {}

  /**
   * Why no answer came: the failure's kind, and the request id to quote to support when the API
   * sent one.
   */
  record Failure(String error, String requestId) {}

  private final AnswerBot bot;

  AnswerController(AnswerBot bot) {
    this.bot = bot;
  }

  @GetMapping("/answer")
  Answer answer(@RequestParam String question) {
    return new Answer(question, bot.answer(question));
  }

  /**
   * A call that failed after its retries is the upstream's failure: 503, with its kind and request
   * id.
   */
  @ExceptionHandler(ClaudeException.class)
  ResponseEntity<Failure> failed(ClaudeException e) {
    String requestId =
        e instanceof ClaudeApiException ? ((ClaudeApiException) e).requestId() : null;
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(new Failure(e.kind().name(), requestId));
  }
}
