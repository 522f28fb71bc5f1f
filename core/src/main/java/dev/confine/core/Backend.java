package dev.confine.core;

/**
 * A piece of software with mutable state that Confine puts behind an isolation strategy: the SPI
 * every backend module implements.
 *
 * <p>A backend says who it is ({@link #id()}), how far its state reaches ({@link #scope()}), how
 * to open and close that state, and which call and result types may cross a process boundary
 * ({@link #types()}). Implementations are found by {@link java.util.ServiceLoader} (register them
 * in {@code META-INF/services/dev.confine.core.Backend} and with {@code provides} in
 * {@code module-info.java}), so that a child process can open the same backend by id. They must
 * have a public no-argument constructor for that.
 *
 * <p><b>Concurrency:</b> a backend object itself must be stateless and thread-safe: the strategies
 * call {@link #open} and {@link #close} from their own threads. The state {@code S} it opens is
 * <em>not</em> required to be thread-safe; making it safe is the strategy's job. A strategy never
 * runs two calls concurrently on state they share (for {@link StateScope#PROCESS} that is every
 * instance in the process).
 *
 * @param <S> the type of the opened state that calls are applied to
 */
public interface Backend<S> {

  /**
   * A stable identifier, unique among the backends on the class path, such as {@code "net-snmp"};
   * lower-case letters, digits, '.', '_' and '-'.
   */
  String id();

  /** How far this backend's state reaches; decides what calls may share. */
  StateScope scope();

  /**
   * Opens one instance of the state. Called once per owner (per owner thread, per worker process)
   * on the thread that will run that owner's calls.
   *
   * @throws Exception any failure, reported to whoever opened the isolated backend
   */
  S open(BackendConfig config) throws Exception;

  /**
   * Closes an instance opened by {@link #open}. Handles still registered in the owner's
   * {@link HandleTable} are closed by the strategy first.
   */
  void close(S state) throws Exception;

  /**
   * The allow-list of call and result types that may cross a process boundary for this backend.
   * Nothing else is ever deserialized. Backends used in-process only may return {@link
   * TypeRegistry#empty()}.
   */
  default TypeRegistry types() {
    return TypeRegistry.empty();
  }

  /**
   * Whether a handle whose owner died may be reopened elsewhere by replaying the call that opened
   * it (true for stateless-on-the-wire sessions such as an SNMP session; false for a transaction).
   */
  default boolean handlesReopenable() {
    return false;
  }
}
