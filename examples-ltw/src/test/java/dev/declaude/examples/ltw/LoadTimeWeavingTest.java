package dev.declaude.examples.ltw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.error.OverloadedException;
import dev.declaude.examples.sdk.SdkSupportService;
import dev.declaude.outofscope.OutOfScope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The examples' classes in this module are plain javac output: the retries the shared tests observe
 * here come from the agent weaving them as they load.
 */
class LoadTimeWeavingTest {

  @Test
  void classFileOnDiskIsNotWoven() throws IOException {
    String bytes = classFile(SdkSupportService.class);

    assertFalse(bytes.contains("org/aspectj"), "SdkSupportService.class was woven at build time");
  }

  @Test
  void loadedClassIsWovenByTheAgent() {
    assertTrue(
        Arrays.stream(SdkSupportService.class.getDeclaredFields())
            .anyMatch(f -> f.getName().startsWith("ajc$")),
        "SdkSupportService was not woven at load time: is -javaagent:aspectjweaver on the command line?");
  }

  @Test
  void classOutsideTheApplicationsIncludeScopeIsNotWoven() {
    Backend backend = new Backend();

    assertThrows(OverloadedException.class, () -> new OutOfScope().answer(backend));

    assertEquals(1, backend.calls());
    assertFalse(
        Arrays.stream(OutOfScope.class.getDeclaredFields())
            .anyMatch(f -> f.getName().startsWith("ajc$")));
  }

  private static String classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
