package dev.declaude.aspects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.declaude.error.ClaudeConnectionException;
import dev.declaude.woven.AnnotatedMethods;
import dev.declaude.woven.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Regression: woven code turned the method's own {@code IOException}s (a Jackson parse error, a
 * missing file) into {@code ClaudeConnectionException} and retried them, so the caller's {@code
 * catch (IOException)} never ran. Only network failures of an HTTP stack are translated now; the
 * rest pass through, unretried.
 */
class OwnIoExceptionsAreNotTranslatedTest {
  @RegisterExtension final RecordingEngine engine = new RecordingEngine();
  private final AnnotatedMethods methods = new AnnotatedMethods();

  @Test
  void aMissingFileReachesTheCallerUnchangedAndUnretried() {
    NoSuchFileException missing = new NoSuchFileException("/etc/prompts/support.txt");
    Script script = Script.failing(missing);

    assertSame(missing, assertThrows(NoSuchFileException.class, () -> methods.connection(script)));
    assertEquals(1, script.calls());
  }

  @Test
  void aJsonParseErrorReachesTheCallerUnchangedAndUnretried() throws IOException {
    JsonParseException parse;
    try {
      new ObjectMapper().readTree("{not json");
      throw new AssertionError("parsed");
    } catch (JsonParseException e) {
      parse = e;
    }
    Script script = Script.failing(parse);

    JsonParseException thrown = parse;
    assertSame(thrown, assertThrows(JsonParseException.class, () -> methods.connection(script)));
    assertEquals(1, script.calls());
  }

  @Test
  void anUncheckedWrapperOfTheMethodsOwnIoExceptionPassesThroughToo() {
    UncheckedIOException wrapped = new UncheckedIOException(new IOException("disk full"));
    Script script = Script.failing(wrapped);

    assertSame(wrapped, assertThrows(UncheckedIOException.class, () -> methods.connection(script)));
    assertEquals(1, script.calls());
  }

  @Test
  void aNetworkFailureIsStillTranslatedAndRetried() throws IOException {
    Script script = Script.failing(new java.net.UnknownHostException("api.anthropic.com"));

    assertEquals("ok", methods.connection(script));
    assertEquals(2, script.calls());
    assertThrows(
        ClaudeConnectionException.class,
        () ->
            methods.serverOnly(
                Script.failing(new javax.net.ssl.SSLHandshakeException("bad cert"))));
  }
}
