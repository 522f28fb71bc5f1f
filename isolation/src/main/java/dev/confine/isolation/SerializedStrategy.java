package dev.confine.isolation;

import dev.confine.core.Backend;

/** {@link Isolation#serialized()}: one process-wide lock per backend id. */
final class SerializedStrategy extends Isolation {
  static final SerializedStrategy INSTANCE = new SerializedStrategy();

  private static final Capabilities CAPABILITIES = new Capabilities(false, false, false, false);

  private SerializedStrategy() {}

  @Override
  public String name() {
    return "serialized";
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  <S> Isolated<S> open(Backend<S> backend, IsolatedOptions options) {
    return SerializedIsolated.open(this, backend, options);
  }
}
