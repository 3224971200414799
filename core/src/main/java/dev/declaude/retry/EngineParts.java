package dev.declaude.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/** What every call of one engine shares. Immutable; each part is thread-safe. */
record EngineParts(
    TimeSource time,
    Sleeper sleeper,
    RetryScheduler scheduler,
    DoubleSupplier random,
    DomainBudget budget,
    Pacer pacer,
    Recovery recovery,
    RetryNotifier notifier,
    Duration maxServerWait) {}
