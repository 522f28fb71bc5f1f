package dev.confine.isolation.worker;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confine.core.BackendException;
import dev.confine.core.Call;
import dev.confine.core.CallTimeoutException;
import dev.confine.core.ConfineException;
import dev.confine.core.Handle;
import dev.confine.core.HandleLostException;
import dev.confine.core.TypeRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The payloads of the protocol (internal; not exported): JSON through Jackson, with every call and
 * result tagged by the name it is registered under in the backend's {@link TypeRegistry}. Only
 * registered types and a fixed set of JDK value types are ever instantiated; a class name is never
 * read from the stream. Thread-safe (the mapper is).
 */
public final class Wire {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private final TypeRegistry types;
  private final String backendId;

  public Wire(TypeRegistry types, String backendId) {
    this.types = types;
    this.backendId = backendId;
  }

  // ---- built-in value types, always allowed as results ----

  private static final Map<String, Class<?>> BUILTIN =
      Map.of(
          "string", String.class,
          "long", Long.class,
          "int", Integer.class,
          "boolean", Boolean.class,
          "double", Double.class,
          "bytes", byte[].class,
          "handle", Handle.class,
          "list", List.class,
          "map", Map.class);

  private Optional<String> nameOf(Object value) {
    Optional<String> registered = types.nameOf(value.getClass());
    if (registered.isPresent()) {
      return registered;
    }
    for (Map.Entry<String, Class<?>> e : BUILTIN.entrySet()) {
      if (e.getValue().isInstance(value)) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  private Optional<Class<?>> typeOf(String name) {
    Optional<Class<?>> registered = types.typeOf(name);
    return registered.isPresent() ? registered : Optional.ofNullable(BUILTIN.get(name));
  }

  /**
   * Encodes a call for the wire.
   *
   * @throws IllegalArgumentException naming the call's class if it is not registered
   */
  public byte[] encodeCall(Call<?, ?> call, long timeoutMillis) {
    return encodeCall(call, timeoutMillis, 0);
  }

  /**
   * Encodes a call; {@code reopenAs} other than 0 asks the worker to register the handle the call
   * opens under that id (a handle of a dead worker, reopened here).
   */
  public byte[] encodeCall(Call<?, ?> call, long timeoutMillis, long reopenAs) {
    String name =
        types
            .nameOf(call.getClass())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        String.format(
                            Locale.ROOT,
                            "call type %s is not registered in the TypeRegistry of backend '%s', so"
                                + " it cannot cross into a child process: register it in the"
                                + " backend's types() (a record of simple values is the easy way)",
                            call.getClass().getName(),
                            backendId)));
    // streamed straight to bytes: no intermediate tree (a tree costs a few KB per call)
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", name); // first: the decoder needs it before the call
      g.writeNumberField("timeoutMillis", timeoutMillis);
      if (reopenAs != 0) {
        g.writeNumberField("reopenAs", reopenAs);
      }
      g.writeFieldName("call");
      MAPPER.writeValue(g, call);
      g.writeEndObject();
    } catch (IllegalArgumentException | IOException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "call %s could not be serialized with Jackson: %s", call.getClass().getName(), e.getMessage()),
          e);
    }
    return out.toByteArray();
  }

  /** A decoded call with its time budget. */
  public record DecodedCall(Call<Object, Object> call, long timeoutMillis, long reopenAs) {}

  /** Decodes a call; only registered types that implement {@link Call}. */
  public DecodedCall decodeCall(byte[] payload) throws IOException {
    try (JsonParser p = MAPPER.createParser(payload)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "a call");
      String name = null;
      Object call = null;
      long timeoutMillis = 0;
      long reopenAs = 0;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "type" -> name = p.getValueAsString("");
          case "timeoutMillis" -> timeoutMillis = p.getValueAsLong(0);
          case "reopenAs" -> reopenAs = p.getValueAsLong(0);
          case "call" -> {
            String n = name == null ? "" : name;
            Class<?> type =
                types
                    .typeOf(n)
                    .filter(Call.class::isAssignableFrom)
                    .orElseThrow(
                        () ->
                            new IOException(
                                String.format(
                                    Locale.ROOT,
                                    "call type '%s' is not a registered call of backend '%s'",
                                    n,
                                    backendId)));
            call = t == JsonToken.VALUE_NULL ? null : MAPPER.readValue(p, type);
          }
          default -> p.skipChildren();
        }
      }
      if (call == null) {
        throw new IOException(
            String.format(Locale.ROOT, "call frame of backend '%s' carries no call (type '%s')", backendId, name));
      }
      return new DecodedCall(castCall(call), timeoutMillis, reopenAs);
    }
  }

  @SuppressWarnings("unchecked")
  private static Call<Object, Object> castCall(Object call) {
    return (Call<Object, Object>) call;
  }

  private static void expect(JsonToken actual, JsonToken expected, String what) throws IOException {
    if (actual != expected) {
      throw new IOException(String.format(Locale.ROOT, "%s must be a JSON object; it starts with %s", what, actual));
    }
  }

  /** Encodes a result with the handles the call opened and closed. */
  public byte[] encodeResult(Object value, List<Handle> opened, List<Long> closed) throws IOException {
    String name =
        value == null
            ? "null"
            : nameOf(value)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            String.format(
                                Locale.ROOT,
                                "result type %s is not registered in the TypeRegistry of backend"
                                    + " '%s', so it cannot be sent back to the parent: register it"
                                    + " in the backend's types()",
                                value.getClass().getName(),
                                backendId)));
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator g = MAPPER.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", name); // first: the decoder needs it before the value
      if (value != null) {
        g.writeFieldName("value");
        MAPPER.writeValue(g, value);
      }
      g.writeFieldName("opened");
      MAPPER.writeValue(g, opened);
      g.writeArrayFieldStart("closed");
      for (Long id : closed) {
        g.writeNumber(id);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  private static void handles(ObjectNode root, List<Handle> opened, List<Long> closed) {
    root.set("opened", MAPPER.valueToTree(opened));
    ArrayNode c = root.putArray("closed");
    closed.forEach(c::add);
  }

  /** What a RESULT or ERROR frame told the parent. */
  public record Reply(Object value, ConfineException error, List<Handle> opened, List<Long> closed) {}

  /** Decodes a RESULT frame; only registered or built-in result types. */
  public Reply decodeResult(byte[] payload) throws IOException {
    try (JsonParser p = MAPPER.createParser(payload)) {
      expect(p.nextToken(), JsonToken.START_OBJECT, "a result");
      String name = "";
      Object value = null;
      List<Handle> opened = List.of();
      List<Long> closed = List.of();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken t = p.nextToken();
        switch (field) {
          case "type" -> name = p.getValueAsString("");
          case "value" -> {
            String n = name;
            Class<?> type =
                typeOf(n)
                    .orElseThrow(
                        () ->
                            new IOException(
                                String.format(
                                    Locale.ROOT,
                                    "result type '%s' is not registered for backend '%s'",
                                    n,
                                    backendId)));
            value = t == JsonToken.VALUE_NULL ? null : MAPPER.readValue(p, type);
          }
          case "opened" -> {
            Handle[] hs = t == JsonToken.VALUE_NULL ? null : MAPPER.readValue(p, Handle[].class);
            opened = hs == null || hs.length == 0 ? List.of() : List.of(hs);
          }
          case "closed" -> {
            Long[] ids = t == JsonToken.VALUE_NULL ? null : MAPPER.readValue(p, Long[].class);
            closed = ids == null || ids.length == 0 ? List.of() : List.of(ids);
          }
          default -> p.skipChildren();
        }
      }
      if (!name.equals("null") && value == null && typeOf(name).isEmpty()) {
        throw new IOException(
            String.format(Locale.ROOT, "result type '%s' is not registered for backend '%s'", name, backendId));
      }
      return new Reply(value, null, opened, closed);
    }
  }

  /** Encodes a failure thrown by a call (or by opening the backend). */
  public static byte[] encodeError(Throwable t, List<Handle> opened, List<Long> closed) throws IOException {
    ObjectNode root = MAPPER.createObjectNode();
    boolean passThrough = t instanceof HandleLostException || t instanceof CallTimeoutException;
    root.put("kind", passThrough ? t.getClass().getSimpleName() : "backend");
    if (t instanceof BackendException be) {
      root.put("remoteType", be.remoteType());
      root.put("message", be.remoteMessage());
      root.put("stack", be.remoteStackTrace());
    } else {
      root.put("remoteType", t.getClass().getName());
      root.put("message", t.getMessage());
      root.put("stack", BackendException.stackTraceOf(t));
    }
    handles(root, opened, closed);
    return MAPPER.writeValueAsBytes(root);
  }

  /** Decodes an ERROR frame into the exception the caller gets. */
  public static Reply decodeError(byte[] payload) throws IOException {
    JsonNode root = MAPPER.readTree(payload);
    String kind = root.path("kind").asText("backend");
    String message = root.path("message").isNull() ? null : root.path("message").asText(null);
    ConfineException error;
    switch (kind) {
      case "HandleLostException" -> error = new HandleLostException(message);
      case "CallTimeoutException" -> error = new CallTimeoutException(message);
      default -> error =
          new BackendException(
              root.path("remoteType").asText("unknown"), message, root.path("stack").asText(""));
    }
    return new Reply(null, error, openedOf(root), closedOf(root));
  }

  private static List<Handle> openedOf(JsonNode root) throws IOException {
    JsonNode n = root.get("opened");
    if (n == null || n.isEmpty()) {
      return List.of();
    }
    return List.of(MAPPER.treeToValue(n, Handle[].class));
  }

  private static List<Long> closedOf(JsonNode root) {
    JsonNode n = root.get("closed");
    if (n == null || n.isEmpty()) {
      return List.of();
    }
    Long[] ids = new Long[n.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = n.get(i).asLong();
    }
    return List.of(ids);
  }

  public static byte[] json(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sets the mapper up and has it write and read a map once, so the serializers and deserializers a
   * handshake and a first call need exist (a worker runs this beside its start-up).
   */
  static void warmUp() {
    try {
      MAPPER.readTree(MAPPER.writeValueAsBytes(Map.of("version", 1, "backendId", "warm-up", "pid", 1L)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The backend's registered types, in registration order. */
  Collection<Class<?>> registeredTypes() {
    return types.asMap().values();
  }

  /**
   * Builds and caches what a worker needs of the mapper for {@code type} (a call type's
   * deserializer, another type's serializer), so that the first call that uses it does not: Jackson
   * introspects a type the first time it meets it, a few milliseconds each in a fresh JVM. A type
   * Jackson cannot handle, or whose class cannot be initialised, is skipped here; the call that uses
   * it reports why.
   */
  static void prepare(Class<?> type) {
    try {
      if (Call.class.isAssignableFrom(type)) {
        MAPPER.readerFor(type);
      } else {
        MAPPER.writerFor(type);
      }
    } catch (RuntimeException | LinkageError e) {
      // the call that uses the type gets the error, with its context; a class that cannot be
      // initialised (ExceptionInInitializerError is a LinkageError) must not end the worker here
    }
  }

  public static JsonNode tree(byte[] payload) throws IOException {
    return MAPPER.readTree(payload);
  }
}
