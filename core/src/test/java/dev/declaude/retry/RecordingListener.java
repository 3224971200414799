package dev.declaude.retry;

import java.util.ArrayList;
import java.util.List;

/** Records every event it hears, in order. */
final class RecordingListener implements RetryListener {
  final List<RetryEvent> retries = new ArrayList<>();
  final List<RetryEvent> pacingWaits = new ArrayList<>();
  final List<GiveUpEvent> budgetExhausted = new ArrayList<>();
  final List<GiveUpEvent> giveUps = new ArrayList<>();

  @Override
  public synchronized void onRetry(RetryEvent event) {
    retries.add(event);
  }

  @Override
  public synchronized void onPacingWait(RetryEvent event) {
    pacingWaits.add(event);
  }

  @Override
  public synchronized void onBudgetExhausted(GiveUpEvent event) {
    budgetExhausted.add(event);
  }

  @Override
  public synchronized void onGiveUp(GiveUpEvent event) {
    giveUps.add(event);
  }
}
