package dev.declaude.retry;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryEnginesTest {

  @AfterEach
  void reset() {
    RetryEngines.resetShared();
  }

  @Test
  void theSharedEngineIsBuiltOnceOnFirstUse() {
    RetryEngine first = RetryEngine.shared();

    assertNotNull(first);
    assertSame(first, RetryEngines.shared());
  }

  @Test
  void aSetEngineIsReturnedUntilReset() {
    RetryEngine mine = RetryEngine.builder().build();

    RetryEngines.setShared(mine);
    assertSame(mine, RetryEngine.shared());

    RetryEngines.resetShared();
    assertNotSame(mine, RetryEngine.shared());
  }

  @Test
  void aNullEngineIsRejected() {
    assertThrows(NullPointerException.class, () -> RetryEngines.setShared(null));
  }
}
