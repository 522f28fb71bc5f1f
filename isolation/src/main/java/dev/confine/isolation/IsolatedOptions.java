package dev.confine.isolation;

import dev.confine.core.BackendConfig;
import dev.confine.core.Ticker;
import java.time.Duration;

/** The resolved settings of one isolated backend. */
record IsolatedOptions(
    String name,
    BackendConfig config,
    Duration defaultTimeout,
    int queueCapacity,
    QueueFullPolicy whenQueueFull,
    Duration closeTimeout,
    Ticker ticker) {}
