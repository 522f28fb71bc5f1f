package dev.confine.graphistry.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.SeekableReadChannel;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.util.ByteArrayReadableSeekableByteChannel;
import org.apache.arrow.vector.util.Text;

/**
 * A faithful local Graphistry server (api=3) on loopback, for tests: the JDK's {@link HttpServer}
 * implementing the auth, org-switch, SSO, dataset-upload and Files API routes of the contract. It signs HS256
 * JWTs (exp = iat + 3600, refresh allowed within 24 h of {@code orig_iat}), keeps the active
 * organization per account (not per token) as the real server does, decodes every uploaded Arrow
 * IPC file and keeps its rows so tests can check every cell, answers 413 over the upload limit, and
 * can be told to expire tokens, fail with a status, or hold requests at a gate.
 *
 * <p><b>Concurrency:</b> thread-safe; handlers run on a pool, state is in concurrent maps or
 * atomics. Time is the server's own {@link #advanceClock} offset over the system clock.
 */
public final class FakeGraphistryServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DATASET_PART = Pattern.compile("/api/v2/upload/datasets/([^/]+)/(edges|nodes)/arrow");
  private static final Pattern DATASET_GET = Pattern.compile("/api/v2/upload/datasets/([^/]+)/?");
  private static final Pattern SWITCH = Pattern.compile("/api/v2/o/([^/]+)/switch/");
  private static final Pattern SSO_START = Pattern.compile("/api/v2/(g|o/([^/]+))/sso/oidc/login/(?:[^/]+/)?");
  private static final Pattern SSO_POLL = Pattern.compile("/api/v2/o/sso/oidc/jwt/([^/]+)/");
  private static final Pattern FAKE_IDP = Pattern.compile("/fake-idp/([^/]+)");
  private static final Pattern FILE_UPLOAD = Pattern.compile("/api/v2/upload/files/([^/]+)/?");
  private static final Set<String> FILE_TYPES = Set.of("arrow", "csv", "json", "orc", "parquet", "xls", "xlsx");
  private static final Set<String> COMPRESSIONS = Set.of("", "gzip", "bz2", "zip", "xz");

  /** One uploaded dataset, as the server stored it. */
  public static final class Dataset {
    public final String id;
    public final String owner;
    /** The org the server filed it under: the account's active org when it was created. */
    public final String org;
    public final JsonNode request;
    volatile Table edges;
    volatile Table nodes;

    Dataset(String id, String owner, String org, JsonNode request) {
      this.id = id;
      this.owner = owner;
      this.org = org;
      this.request = request;
    }

    public Table edges() {
      return edges;
    }

    public Table nodes() {
      return nodes;
    }
  }

  /**
   * One file of the Files API, as the server stored it: created by {@code owner} in {@code org}, only
   * usable by that account while that org is its active org.
   */
  public static final class FileRecord {
    public final String id;
    public final String owner;
    public final String org;
    public final String fileType;
    /** {@code ""} or a compression name as the client declared it. */
    public final String compression;
    public final String name;
    volatile Table table;
    volatile long bytesReceived;
    final AtomicInteger uploads = new AtomicInteger();

    FileRecord(String id, String owner, String org, String fileType, String compression, String name) {
      this.id = id;
      this.owner = owner;
      this.org = org;
      this.fileType = fileType;
      this.compression = compression;
      this.name = name;
    }

    /** The decoded table of the last successful upload, or null. */
    public Table table() {
      return table;
    }

    /** Bytes of the last upload as received on the wire (compressed if the file says so). */
    public long bytesReceived() {
      return bytesReceived;
    }

    /** Successful uploads of this file. */
    public int uploads() {
      return uploads.get();
    }
  }

  /** A decoded Arrow upload: column names and types, and (unless rows are not kept) every row. */
  public record Table(List<String> columns, Map<String, String> arrowTypes, long rowCount,
      List<Map<String, Object>> rows, boolean schemaMetadataEmpty) {}

  record User(String password, Set<String> orgs) {}

  static {
    // the JDK server writes headers and body separately; without TCP_NODELAY every answer waits ~40 ms
    // for a delayed ACK (Nagle), which would dominate latency figures. Read once, at first server start.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer http;
  private final ExecutorService pool;
  private final byte[] hmacKey = UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8);
  private final Map<String, User> users = new ConcurrentHashMap<>();
  private final Map<String, String> apiKeys = new ConcurrentHashMap<>(); // "id:secret" -> username
  private final Map<String, String> activeOrg = new ConcurrentHashMap<>(); // username -> slug
  private final Map<String, Dataset> datasets = new ConcurrentHashMap<>();
  private final Map<String, FileRecord> files = new ConcurrentHashMap<>();
  private final AtomicInteger refusedFileUses = new AtomicInteger();
  private final AtomicReference<String> nextFileUploadError = new AtomicReference<>();
  private final java.util.concurrent.Semaphore fileSignal = new java.util.concurrent.Semaphore(0);
  private final Map<String, String> ssoStates = new ConcurrentHashMap<>(); // state -> username or ""
  private final Map<String, AtomicInteger> loginsByUser = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> refreshesByUser = new ConcurrentHashMap<>();
  private final AtomicLong clockOffsetSeconds = new AtomicLong();
  private final AtomicInteger tokenEpoch = new AtomicInteger();
  private final AtomicInteger failStatus = new AtomicInteger();
  private final AtomicInteger failCount = new AtomicInteger();
  private final AtomicReference<CountDownLatch> uploadGate = new AtomicReference<>();
  private final AtomicReference<String> ssoAutoUser = new AtomicReference<>();
  private final List<String> switches = Collections.synchronizedList(new ArrayList<>());
  private final java.util.concurrent.Semaphore switchSignal = new java.util.concurrent.Semaphore(0);
  private volatile long maxUploadBytes = 200L * 1024 * 1024;
  private volatile boolean keepRows = true;

  private FakeGraphistryServer() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    pool = Executors.newFixedThreadPool(32, r -> {
      Thread t = new Thread(r, "fake-graphistry");
      t.setDaemon(true);
      return t;
    });
    http.setExecutor(pool);
    http.createContext("/", this::handle);
    http.start();
  }

  /** Starts a server on a free loopback port. */
  public static FakeGraphistryServer start() {
    try {
      return new FakeGraphistryServer();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the fake Graphistry server", e);
    }
  }

  /** {@code 127.0.0.1:port}, for {@code GraphistryClient.Builder.server}. */
  public String hostAndPort() {
    return http.getAddress().getAddress().getHostAddress() + ":" + http.getAddress().getPort();
  }

  public FakeGraphistryServer addUser(String username, String password, String... orgs) {
    users.put(username, new User(password, Set.of(orgs)));
    return this;
  }

  public FakeGraphistryServer addApiKey(String keyId, String secret, String username) {
    apiKeys.put(keyId + ":" + secret, username);
    return this;
  }

  /** SSO logins complete as {@code username} when the client opens the auth URL. */
  public FakeGraphistryServer ssoUser(String username) {
    ssoAutoUser.set(username);
    return this;
  }

  /** Over this many bytes an Arrow upload gets 413. */
  public FakeGraphistryServer maxUploadBytes(long bytes) {
    maxUploadBytes = bytes;
    return this;
  }

  /** When false, uploads are decoded and counted but rows are not kept (large benchmarks). */
  public FakeGraphistryServer keepRows(boolean keep) {
    keepRows = keep;
    return this;
  }

  /** Every token issued so far is now expired (401 on use, refresh refused with "Token has expired."). */
  public void expireTokens() {
    tokenEpoch.incrementAndGet();
  }

  /** Moves the server's clock forward (token exp and the 24 h refresh window). */
  public void advanceClock(Duration d) {
    clockOffsetSeconds.addAndGet(d.toSeconds());
  }

  /** The next {@code count} authenticated API requests answer {@code status}. */
  public void failNext(int status, int count) {
    failStatus.set(status);
    failCount.set(count);
  }

  /** Dataset creations and uploads wait at this gate until it opens (null: no gate). */
  public void gateUploads(CountDownLatch gate) {
    uploadGate.set(gate);
  }

  public Map<String, Dataset> datasets() {
    return Map.copyOf(datasets);
  }

  public Dataset dataset(String id) {
    return datasets.get(id);
  }

  /** Every file created through {@code /api/v2/files/}, uploaded or not. */
  public Map<String, FileRecord> files() {
    return Map.copyOf(files);
  }

  public FileRecord file(String id) {
    return files.get(id);
  }

  /**
   * The next file upload is read and then refused as a real server refuses content it cannot use:
   * HTTP 200 with {@code is_valid: false, is_uploaded: false, errors: [error]}.
   */
  public void refuseNextFileUpload(String error) {
    nextFileUploadError.set(error);
  }

  /** Forgets a file, as a server that expired or deleted it. */
  public void deleteFile(String id) {
    files.remove(id);
  }

  /** Requests refused because they named a file of another account (404) or another org (403). */
  public int refusedFileUses() {
    return refusedFileUses.get();
  }

  /** Waits until {@code n} more files were created; false if they were not within {@code timeout}. */
  public boolean awaitFileCreations(int n, Duration timeout) throws InterruptedException {
    return fileSignal.tryAcquire(n, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public int logins(String username) {
    AtomicInteger n = loginsByUser.get(username);
    return n == null ? 0 : n.get();
  }

  public int refreshes(String username) {
    AtomicInteger n = refreshesByUser.get(username);
    return n == null ? 0 : n.get();
  }

  /** The account's active org as the server sees it (null: personal). */
  public String activeOrg(String username) {
    return activeOrg.get(username);
  }

  /** "user->org" for every org switch, in order. */
  public List<String> switches() {
    synchronized (switches) {
      return List.copyOf(switches);
    }
  }

  /** Waits until {@code n} more org switches happened; false if they did not within {@code timeout}. */
  public boolean awaitSwitches(int n, Duration timeout) throws InterruptedException {
    return switchSignal.tryAcquire(n, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    CountDownLatch g = uploadGate.getAndSet(null);
    if (g != null) {
      while (g.getCount() > 0) {
        g.countDown();
      }
    }
    http.stop(0);
    pool.shutdownNow();
  }

  long now() {
    return System.currentTimeMillis() / 1000 + clockOffsetSeconds.get();
  }

  // ------------------------------------------------------------------ JWT

  /** Issues a token for {@code username} (tests use it to build JWT-only clients). */
  public String issueToken(String username, long origIat) {
    long iat = now();
    ObjectNode claims = JSON.createObjectNode()
        .put("username", username).put("user_id", Math.abs(username.hashCode()))
        .put("iat", iat).put("exp", iat + 3600).put("orig_iat", origIat)
        .put("epoch", tokenEpoch.get());
    String header = b64(JSON.createObjectNode().put("alg", "HS256").put("typ", "JWT").toString().getBytes(StandardCharsets.UTF_8));
    String payload = b64(claims.toString().getBytes(StandardCharsets.UTF_8));
    return header + "." + payload + "." + b64(hmac(header + "." + payload));
  }

  private static String b64(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private byte[] hmac(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Claims of a valid token, or throws Reject with the server's message. */
  private JsonNode verify(String token) throws Reject {
    String[] p = token == null ? new String[0] : token.split("\\.");
    if (p.length != 3 || !MessageDigest.isEqual(hmac(p[0] + "." + p[1]), Base64.getUrlDecoder().decode(p[2]))) {
      throw new Reject(401, "{\"detail\":\"Error decoding signature.\"}");
    }
    JsonNode claims;
    try {
      claims = JSON.readTree(Base64.getUrlDecoder().decode(p[1]));
    } catch (IOException e) {
      throw new Reject(401, "{\"detail\":\"Error decoding signature.\"}");
    }
    if (claims.path("exp").asLong() <= now() || claims.path("epoch").asInt() < tokenEpoch.get()) {
      throw new Reject(401, "{\"detail\":\"Signature has expired.\"}");
    }
    if (!users.containsKey(claims.path("username").asText())) {
      throw new Reject(401, "{\"detail\":\"User not found.\"}");
    }
    return claims;
  }

  private String bearer(HttpExchange ex) throws Reject {
    String h = ex.getRequestHeaders().getFirst("Authorization");
    if (h == null || !h.startsWith("Bearer ")) {
      throw new Reject(401, "{\"detail\":\"Authentication credentials were not provided.\"}");
    }
    JsonNode claims = verify(h.substring(7));
    if (failCount.get() > 0 && failCount.getAndDecrement() > 0) {
      throw new Reject(failStatus.get(), "{\"message\":\"injected failure\"}");
    }
    return claims.path("username").asText();
  }

  // ------------------------------------------------------------------ routing

  private static final class Reject extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String body;

    Reject(int status, String body) {
      super(body, null, false, false);
      this.status = status;
      this.body = body;
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      handleChecked(ex);
    } catch (IOException | RuntimeException | Error e) {
      System.err.println("fake-graphistry: handler failed: " + e);
      e.printStackTrace();
      throw e;
    }
  }

  private void handleChecked(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String method = ex.getRequestMethod();
      try {
        String out = route(ex, method, path);
        send(ex, 200, out);
      } catch (Reject r) {
        send(ex, r.status, r.body);
      } catch (RuntimeException e) {
        send(ex, 500, JSON.createObjectNode().put("message", "fake server error: " + e).toString());
      }
    }
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    // the request body must be drained before answering, or the client sees a reset
    try (InputStream in = ex.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException alreadyClosed) {
      // Jackson closes the body after reading JSON: nothing left to drain
    }
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    }
  }

  private String route(HttpExchange ex, String method, String path) throws IOException, Reject {
    Matcher m;
    if (path.equals("/api-token-auth/") && method.equals("POST")) {
      JsonNode body = JSON.readTree(ex.getRequestBody());
      String u = body.path("username").asText();
      User user = users.get(u);
      if (user == null || !user.password().equals(body.path("password").asText())) {
        throw new Reject(400, "{\"non_field_errors\":[\"Unable to log in with provided credentials.\"]}");
      }
      return loginAnswer(u, body.path("org_name").asText(null));
    }
    if (path.equals("/api/v2/auth/pkey/jwt/") && (method.equals("GET") || method.equals("POST"))) {
      String h = ex.getRequestHeaders().getFirst("Authorization");
      String u = h != null && h.startsWith("PersonalKey ") ? apiKeys.get(h.substring(12)) : null;
      if (u == null) {
        throw new Reject(401, "{\"detail\":\"Invalid personal key.\"}");
      }
      byte[] raw = ex.getRequestBody().readAllBytes();
      JsonNode body = raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
      return loginAnswer(u, body.path("org_name").asText(null));
    }
    if ((path.equals("/api/v2/auth/token/refresh") || path.equals("/api-token-refresh/")) && method.equals("POST")) {
      JsonNode body = JSON.readTree(ex.getRequestBody());
      JsonNode claims;
      try {
        claims = verify(body.path("token").asText(null));
      } catch (Reject r) {
        throw new Reject(400, "{\"non_field_errors\":[\"Token has expired.\"]}");
      }
      long orig = claims.path("orig_iat").asLong();
      if (now() - orig >= 24 * 3600) {
        throw new Reject(400, "{\"non_field_errors\":[\"Refresh has expired.\"]}");
      }
      String u = claims.path("username").asText();
      refreshesByUser.computeIfAbsent(u, k -> new AtomicInteger()).incrementAndGet();
      return JSON.createObjectNode().put("token", issueToken(u, orig)).toString();
    }
    if (path.equals("/api-token-verify/") && method.equals("POST")) {
      try {
        verify(JSON.readTree(ex.getRequestBody()).path("token").asText(null));
      } catch (Reject r) {
        throw new Reject(400, "{\"non_field_errors\":[\"Signature has expired.\"]}");
      }
      return "{}";
    }
    if ((m = SSO_START.matcher(path)).matches() && method.equals("POST")) {
      String state = UUID.randomUUID().toString();
      ssoStates.put(state, "");
      String url = "http://" + hostAndPort() + "/fake-idp/" + state;
      return JSON.createObjectNode().put("status", "OK").set("data",
          JSON.createObjectNode().put("state", state).put("auth_url", url)).toString();
    }
    if ((m = FAKE_IDP.matcher(path)).matches()) {
      String user = ssoAutoUser.get();
      if (user == null || ssoStates.replace(m.group(1), user) == null) {
        throw new Reject(400, "{\"message\":\"unknown SSO state or no SSO user configured\"}");
      }
      return "{\"status\":\"OK\"}";
    }
    if ((m = SSO_POLL.matcher(path)).matches() && method.equals("GET")) {
      String u = ssoStates.get(m.group(1));
      if (u == null) {
        return "{\"status\":\"ERR\",\"message\":\"unknown state\"}";
      }
      if (u.isEmpty()) {
        return "{\"status\":\"OK\",\"data\":{}}";
      }
      ssoStates.remove(m.group(1));
      loginsByUser.computeIfAbsent(u, k -> new AtomicInteger()).incrementAndGet();
      return JSON.createObjectNode().put("status", "OK").set("data",
          JSON.createObjectNode().put("token", issueToken(u, now()))).toString();
    }
    if ((m = SWITCH.matcher(path)).matches() && method.equals("POST")) {
      String u = bearer(ex);
      String slug = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
      if (!slug.equals(u) && !users.get(u).orgs().contains(slug)) {
        throw new Reject(403, JSON.createObjectNode().put("message", "not a member of organization " + slug).toString());
      }
      activeOrg.put(u, slug);
      switches.add(u + "->" + slug);
      switchSignal.release();
      return "{\"status\":\"OK\"}";
    }
    if (path.equals("/api/v2/upload/datasets/") && method.equals("POST")) {
      String u = bearer(ex);
      JsonNode body = JSON.readTree(ex.getRequestBody());
      awaitGate();
      String id = UUID.randomUUID().toString().replace("-", "");
      // filed under the account's active org at this moment: per-account server state, as the real server
      String org = activeOrg.getOrDefault(u, u);
      Table edgesFromFile = fileTable(body, "edge_files", u, org);
      Table nodesFromFile = fileTable(body, "node_files", u, org);
      Dataset d = new Dataset(id, u, org, body);
      d.edges = edgesFromFile;
      d.nodes = nodesFromFile;
      datasets.put(id, d);
      return JSON.createObjectNode().put("success", true).set("data",
          JSON.createObjectNode().put("dataset_id", id)).toString();
    }
    if ((m = DATASET_PART.matcher(path)).matches() && method.equals("POST")) {
      String u = bearer(ex);
      Dataset d = datasets.get(m.group(1));
      if (d == null || !d.owner.equals(u)) {
        throw new Reject(404, "{\"message\":\"dataset not found\"}");
      }
      awaitGate();
      byte[] bytes = readLimited(ex.getRequestBody());
      Table t = decode(bytes);
      if (m.group(2).equals("edges")) {
        d.edges = t;
      } else {
        d.nodes = t;
      }
      return JSON.createObjectNode().put("success", true).set("data", JSON.createObjectNode()
          .put("dataset_id", d.id).put("num_rows", t.rowCount()).put("num_cols", t.columns().size())).toString();
    }
    if (path.equals("/api/v2/files/") && method.equals("POST")) {
      String u = bearer(ex);
      JsonNode body = JSON.readTree(ex.getRequestBody());
      String type = body.path("file_type").asText("");
      if (!FILE_TYPES.contains(type)) {
        throw new Reject(400, JSON.createObjectNode().put("message",
            "file_type must be one of " + new java.util.TreeSet<>(FILE_TYPES) + ", got '" + type + "'").toString());
      }
      String compression = body.path("file_compression").asText("");
      if (!COMPRESSIONS.contains(compression)) {
        throw new Reject(400, JSON.createObjectNode().put("message",
            "file_compression must be one of " + new java.util.TreeSet<>(COMPRESSIONS) + ", got '" + compression + "'").toString());
      }
      String org = activeOrg.getOrDefault(u, u);
      String asked = body.path("org_name").asText(null);
      if (asked != null) {
        if (!asked.equals(u) && !users.get(u).orgs().contains(asked)) {
          throw new Reject(403, JSON.createObjectNode().put("message", "not a member of organization " + asked).toString());
        }
        org = asked;
      }
      String id = "f" + UUID.randomUUID().toString().replace("-", "");
      files.put(id, new FileRecord(id, u, org, type, compression, body.path("name").asText("")));
      fileSignal.release();
      return JSON.createObjectNode().put("file_id", id).put("file_type", type).toString();
    }
    if ((m = FILE_UPLOAD.matcher(path)).matches() && method.equals("POST")) {
      String u = bearer(ex);
      FileRecord f = usableFile(m.group(1), u, activeOrg.getOrDefault(u, u));
      boolean erase = "erase=true".equals(ex.getRequestURI().getQuery());
      if (f.table != null && !erase) {
        throw new Reject(400, "{\"message\":\"file already uploaded; add ?erase=true to replace it\"}");
      }
      awaitGate();
      byte[] wire = readLimited(ex.getRequestBody()); // the limit applies to what crosses the wire
      ArrayNode errors = JSON.createArrayNode();
      Table t = null;
      String injected = nextFileUploadError.getAndSet(null);
      if (injected != null) {
        errors.add(injected);
      } else if (!f.fileType.equals("arrow")) {
        errors.add("the fake server only decodes file_type arrow, not " + f.fileType);
      } else {
        try {
          t = decode(inflate(wire, f.compression));
        } catch (Reject r) {
          errors.add(JSON.readTree(r.body).path("message").asText(r.body));
        }
      }
      if (t != null) {
        f.table = t;
        f.bytesReceived = wire.length;
        f.uploads.incrementAndGet();
      }
      ObjectNode out = JSON.createObjectNode().put("file_id", f.id).put("is_valid", t != null).put("is_uploaded", t != null);
      out.set("errors", errors);
      return out.toString();
    }
    if ((m = DATASET_GET.matcher(path)).matches() && method.equals("GET")) {
      String u = bearer(ex);
      Dataset d = datasets.get(m.group(1));
      if (d == null || !d.owner.equals(u)) {
        throw new Reject(404, "{\"message\":\"dataset not found\"}");
      }
      return JSON.createObjectNode().put("success", true).set("data", JSON.createObjectNode()
          .put("dataset_id", d.id).put("org", d.org)).toString();
    }
    throw new Reject(404, JSON.createObjectNode().put("message", "no route " + method + " " + path).toString());
  }

  private String loginAnswer(String u, String orgName) {
    loginsByUser.computeIfAbsent(u, k -> new AtomicInteger()).incrementAndGet();
    ObjectNode out = JSON.createObjectNode().put("token", issueToken(u, now()));
    if (orgName != null) {
      User user = users.get(u);
      boolean member = user.orgs().contains(orgName) || orgName.equals(u);
      out.putObject("active_organization").put("slug", orgName).put("is_found", member).put("is_member", member);
    }
    return out.toString();
  }

  /**
   * The file {@code id} if {@code account} may use it while {@code org} is its active org. Another
   * account's file is 404 (its existence is not revealed); the same account's file from another org
   * is 403.
   */
  private FileRecord usableFile(String id, String account, String org) throws Reject {
    FileRecord f = files.get(id);
    if (f != null && (!f.owner.equals(account) || !f.org.equals(org))) {
      refusedFileUses.incrementAndGet();
    }
    if (f == null || !f.owner.equals(account)) {
      throw new Reject(404, JSON.createObjectNode().put("message", "file not found: " + id).toString());
    }
    if (!f.org.equals(org)) {
      throw new Reject(403, JSON.createObjectNode().put("message",
          "file " + id + " belongs to organization " + f.org + ", the active organization is " + org).toString());
    }
    return f;
  }

  /** The table of the one file named in {@code body.field}, or null when the field is absent or empty. */
  private Table fileTable(JsonNode body, String field, String account, String org) throws Reject {
    JsonNode ids = body.path(field);
    if (ids.isMissingNode() || ids.isNull() || (ids.isArray() && ids.isEmpty())) {
      return null;
    }
    if (!ids.isArray() || ids.size() != 1 || !ids.get(0).isTextual()) {
      throw new Reject(400, JSON.createObjectNode().put("message",
          field + " must be a list of one file id, got " + ids).toString());
    }
    FileRecord f = usableFile(ids.get(0).asText(), account, org);
    if (f.table == null) {
      throw new Reject(400, JSON.createObjectNode().put("message",
          "file " + f.id + " has no uploaded content yet").toString());
    }
    return f.table;
  }

  private static byte[] inflate(byte[] wire, String compression) throws Reject {
    if (compression.isEmpty()) {
      return wire;
    }
    if (!compression.equals("gzip")) {
      throw new Reject(400, JSON.createObjectNode().put("message",
          "the fake server only inflates gzip, not " + compression).toString());
    }
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(wire))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new Reject(400, JSON.createObjectNode().put("message",
          "file declared gzip but is not valid gzip: " + e.getMessage()).toString());
    }
  }

  private void awaitGate() {
    CountDownLatch g = uploadGate.get();
    if (g != null) {
      try {
        g.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private byte[] readLimited(InputStream in) throws IOException, Reject {
    long limit = maxUploadBytes;
    byte[] buf = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    if (buf.length > limit) {
      throw new Reject(413, String.format(Locale.ROOT,
          "{\"message\":\"Request Entity Too Large: upload over UPLOAD_MAX_SIZE (%d bytes)\"}", limit));
    }
    return buf;
  }

  private Table decode(byte[] bytes) throws Reject {
    String magic = "ARROW1";
    if (bytes.length < 12 || !new String(bytes, 0, 6, StandardCharsets.US_ASCII).equals(magic)
        || !new String(bytes, bytes.length - 6, 6, StandardCharsets.US_ASCII).equals(magic)) {
      throw new Reject(400, "{\"message\":\"not an Arrow IPC file (ARROW1 magic missing)\"}");
    }
    try (BufferAllocator alloc = new RootAllocator();
        ArrowFileReader r = new ArrowFileReader(new SeekableReadChannel(new ByteArrayReadableSeekableByteChannel(bytes)), alloc)) {
      VectorSchemaRoot root = r.getVectorSchemaRoot();
      List<String> cols = new ArrayList<>();
      Map<String, String> types = new LinkedHashMap<>();
      for (Field f : root.getSchema().getFields()) {
        cols.add(f.getName());
        types.put(f.getName(), f.getType().toString());
      }
      boolean noMeta = root.getSchema().getCustomMetadata() == null || root.getSchema().getCustomMetadata().isEmpty();
      List<Map<String, Object>> rows = keepRows ? new ArrayList<>() : List.of();
      long count = 0;
      for (ArrowBlock block : r.getRecordBlocks()) {
        r.loadRecordBatch(block);
        int n = root.getRowCount();
        count += n;
        if (keepRows) {
          List<FieldVector> vs = root.getFieldVectors();
          for (int i = 0; i < n; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (FieldVector v : vs) {
              Object o = v.getObject(i);
              row.put(v.getName(), o instanceof Text t ? t.toString() : o);
            }
            rows.add(row);
          }
        }
      }
      return new Table(List.copyOf(cols), types, count, rows, noMeta);
    } catch (IOException | RuntimeException e) {
      throw new Reject(400, JSON.createObjectNode().put("message", "cannot decode Arrow: " + e).toString());
    }
  }
}
