package dev.confine.isolation;

import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.Ticker;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

final class IsolatedBuilder<S> implements Isolated.Builder<S> {
  private final Backend<S> backend;
  private Isolation strategy = Isolation.serialized();
  private BackendConfig config = BackendConfig.empty();
  private Duration defaultTimeout = Duration.ofSeconds(30);
  private int queueCapacity = 1024;
  private QueueFullPolicy whenQueueFull = QueueFullPolicy.WAIT;
  private Duration closeTimeout = Duration.ofSeconds(10);
  private String name;

  IsolatedBuilder(Backend<S> backend) {
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  @Override
  public Isolated.Builder<S> strategy(Isolation strategy) {
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    return this;
  }

  @Override
  public Isolated.Builder<S> config(BackendConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    return this;
  }

  @Override
  public Isolated.Builder<S> defaultTimeout(Duration timeout) {
    this.defaultTimeout = positive(timeout, "defaultTimeout");
    return this;
  }

  @Override
  public Isolated.Builder<S> queueCapacity(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "queueCapacity must be at least 1: %d", capacity));
    }
    this.queueCapacity = capacity;
    return this;
  }

  @Override
  public Isolated.Builder<S> whenQueueFull(QueueFullPolicy policy) {
    this.whenQueueFull = Objects.requireNonNull(policy, "policy");
    return this;
  }

  @Override
  public Isolated.Builder<S> closeTimeout(Duration timeout) {
    this.closeTimeout = positive(timeout, "closeTimeout");
    return this;
  }

  @Override
  public Isolated.Builder<S> name(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name must not be blank");
    }
    this.name = name;
    return this;
  }

  @Override
  public Isolated<S> open() {
    String id = Objects.requireNonNull(backend.id(), "backend.id()");
    Objects.requireNonNull(backend.scope(), "backend.scope()");
    IsolatedOptions options =
        new IsolatedOptions(
            name == null ? id : name,
            config,
            defaultTimeout,
            queueCapacity,
            whenQueueFull,
            closeTimeout,
            Ticker.system());
    return strategy.open(backend, options);
  }

  static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
    return d;
  }
}
