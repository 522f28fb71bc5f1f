package dev.confine.isolation.contract;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Asserts how a future failed. */
public final class ExecutionExceptionAssert {
  private ExecutionExceptionAssert() {}

  public static <T extends Throwable> T failsWith(CompletableFuture<?> future, Class<T> type) {
    ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
    return assertInstanceOf(type, e.getCause());
  }
}
