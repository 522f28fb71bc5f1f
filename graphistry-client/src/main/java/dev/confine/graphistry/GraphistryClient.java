package dev.confine.graphistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.confine.core.Deadline;
import dev.confine.core.KeyedLocks;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Graphistry tenant: a server, credentials, a token and an organization. Build one with {@link
 * #newBuilder()}; variants: unconfigured, username/password, personal API key, SSO (browser flow),
 * and JWT-only for tokens obtained elsewhere.
 *
 * <p><b>Concurrency:</b> thread-safe; share one client between any number of threads.
 *
 * <ul>
 *   <li>Token fetch and renewal are single flight: however many threads find the token missing,
 *       near expiry, or refused (401) at the same moment, one of them logs in or refreshes and the
 *       others wait for and use its result. The token is refreshed {@code refreshAhead} before its
 *       expiry and once more on a 401; a second 401 is surfaced as {@link GraphistryException}.
 *   <li>Past the 24 h refresh window (or when the server refuses the refresh) the client logs in
 *       again with its own credentials; a JWT-only client fails with a clear error instead.
 *   <li>Token and organization are one immutable value swapped atomically ({@link #switchOrg}), so no
 *       request goes out with one org and another org's token.
 *   <li>The server keeps the active organization per account, not per token. Every upload therefore
 *       runs switch-then-upload under a process-wide lock per (server, account): two clients of one
 *       account with different orgs take turns instead of flipping each other's org mid-upload.
 *       Clients of different accounts never wait for each other. Another process using the same
 *       account can still switch the org behind this one's back; that is outside what a client can
 *       prevent.
 *   <li>Tables go through the dataset API, or through the Files API gzip-compressed when {@link
 *       Builder#alwaysFilesApi} is set, a table is over {@link Builder#filesApiThreshold}, or the
 *       dataset API answers 413 (then a re-readable table is read again; the empty dataset is left
 *       behind and logged). Either way the upload streams: memory is one record batch plus a pipe.
 *   <li>File ids uploaded through the Files API are remembered process-wide in a bounded, thread-safe
 *       cache keyed by (server, account, org, SHA-256 of the Arrow bytes): the same tenant plotting
 *       the same table again names its file instead of uploading it, and no tenant ever finds
 *       another's file. Plots of one account run under its lock, so concurrent plots of one table by
 *       one tenant upload it once.
 * </ul>
 *
 * <p>Secrets (password, key secret, tokens) never appear in {@code toString()}, logs or exception
 * messages.
 */
public final class GraphistryClient {
  private static final Logger LOG = LoggerFactory.getLogger(GraphistryClient.class);
  static final ObjectMapper JSON = new ObjectMapper();
  static final long REFRESH_WINDOW_SECONDS = 24 * 3600;
  private static final KeyedLocks<String> ACCOUNT_LOCKS = new KeyedLocks<>("graphistry-account");

  /** Last org this process switched each (server, account) to; written only under that account's lock. */
  private static final Map<String, String> ACTIVE_ORG = new ConcurrentHashMap<>();

  static final String AGENT_NAME = "confine-java";
  static final String AGENT_VERSION = "0.1.0";
  static final long DEFAULT_FILES_API_ROWS = 1_000_000;
  static final long DEFAULT_FILES_API_BYTES = 100L * 1024 * 1024;
  static final int FILE_ID_CACHE_CAPACITY = 4096;

  /**
   * File ids uploaded through the Files API by any client of this process, keyed by (server,
   * account, org, content hash): a tenant only ever finds its own uploads.
   */
  static final FileIdCache FILE_IDS = new FileIdCache(FILE_ID_CACHE_CAPACITY);

  private static final ExecutorService ENCODERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "graphistry-arrow-encoder");
            t.setDaemon(true);
            return t;
          });

  enum Kind {
    UNCONFIGURED,
    PASSWORD,
    API_KEY,
    SSO,
    JWT
  }

  private final Kind kind;
  private final String protocol;
  private final String server;
  private final String browserServer;
  private final Duration requestTimeout;
  private final Duration uploadTimeout;
  private final HttpClient http;
  private final Clock clock;
  private final Duration refreshAhead;
  private final String username;
  private final String secret; // password or key secret; never printed
  private final String keyId;
  private final String ssoIdp;
  private final Consumer<URI> ssoOpenUrl;
  private final Duration ssoTimeout;
  private final Duration ssoPollInterval;
  private final int batchRows;
  private final boolean serializePerAccount;
  private final boolean alwaysFilesApi;
  private final long filesApiRows;
  private final long filesApiBytes;
  private final boolean reuseUploadedFiles;

  /** Single-flight guard for login, refresh and org switch. */
  private final ReentrantLock renewLock = new ReentrantLock();

  /** Written only under renewLock; read lock-free. */
  private volatile Session session;

  /** The org asked for; written only under renewLock. */
  private volatile String org;

  private final AtomicLong logins = new AtomicLong();
  private final AtomicLong refreshes = new AtomicLong();

  private GraphistryClient(Builder b) {
    this.kind = b.kind;
    this.protocol = b.protocol;
    this.server = b.server;
    this.browserServer = b.browserServer != null ? b.browserServer : b.server;
    this.requestTimeout = b.requestTimeout;
    this.uploadTimeout = b.uploadTimeout;
    this.clock = b.clock;
    this.refreshAhead = b.refreshAhead;
    this.username = b.username;
    this.secret = b.secret;
    this.keyId = b.keyId;
    this.ssoIdp = b.ssoIdp;
    this.ssoOpenUrl = b.ssoOpenUrl;
    this.ssoTimeout = b.ssoTimeout;
    this.ssoPollInterval = b.ssoPollInterval;
    this.org = b.org;
    this.batchRows = b.batchRows;
    this.serializePerAccount = b.serializePerAccount;
    this.alwaysFilesApi = b.alwaysFilesApi;
    this.filesApiRows = b.filesApiRows;
    this.filesApiBytes = b.filesApiBytes;
    this.reuseUploadedFiles = b.reuseUploadedFiles;
    if (b.httpClient != null) {
      this.http = b.httpClient;
    } else {
      HttpClient.Builder hb = HttpClient.newBuilder().connectTimeout(requestTimeout);
      if (b.proxy != null) {
        hb.proxy(b.proxy);
      }
      this.http = hb.build();
    }
    if (kind == Kind.JWT) {
      this.session = Session.of(b.jwt, b.org);
    }
  }

  /** A builder; {@code server(...)} and one credential variant are usually all you set. */
  public static Builder newBuilder() {
    return new Builder();
  }

  /** A new plottable whose root client is this one. */
  public Plottable plottable() {
    return Plottable.root(this);
  }

  /** The server, as {@code host[:port]}. */
  public String server() {
    return server;
  }

  /** The organization this client plots into, or {@code null} for the account's personal org. */
  public String org() {
    Session s = session;
    return s != null ? s.org() : org;
  }

  /**
   * Plot into {@code newOrg} from now on ({@code null}: the personal org). Org and token change
   * together atomically; the server-side switch happens at the next upload, under the account lock.
   */
  public void switchOrg(String newOrg) {
    lockRenew(Deadline.after(requestTimeout));
    try {
      org = newOrg;
      Session s = session;
      if (s != null) {
        session = s.withOrg(newOrg);
      }
    } finally {
      renewLock.unlock();
    }
  }

  /**
   * Logs in, or refreshes the token, now if there is none or it is near expiry (single flight, as
   * for plots); use it to fail fast on bad credentials at startup.
   *
   * @throws GraphistryException if the login or refresh failed
   */
  public void ensureLoggedIn() {
    session(Deadline.after(requestTimeout));
  }

  /** Full logins (password, key, SSO) done so far, the first one included. */
  public long logins() {
    return logins.get();
  }

  /** Token refreshes done so far (not counting logins). */
  public long refreshes() {
    return refreshes.get();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT, "GraphistryClient[%s://%s, %s%s, org=%s]", protocol, server,
        kind.name().toLowerCase(Locale.ROOT),
        kind == Kind.PASSWORD ? " user=" + username : kind == Kind.API_KEY ? " key=" + keyId : "",
        org());
  }

  String base() {
    return protocol + "://" + server;
  }

  // ---------------------------------------------------------------- tokens

  private long nowSeconds() {
    return clock.millis() / 1000;
  }

  private boolean fresh(Session s) {
    return s != null && nowSeconds() < s.expSeconds() - refreshAhead.toSeconds();
  }

  /** A session with a token that is not near expiry; logs in or refreshes (single flight) if needed. */
  Session session(Deadline deadline) {
    Session s = session;
    if (fresh(s)) {
      return s;
    }
    return renew(s, deadline);
  }

  private void lockRenew(Deadline deadline) {
    try {
      if (!renewLock.tryLock(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS)) {
        throw new GraphistryException(
            "timed out waiting for another thread's login or token refresh on " + this);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphistryException("interrupted while waiting for a login or token refresh", e);
    }
  }

  /**
   * Renews the token that {@code seen} carried (it is stale, or the server refused it). If another
   * thread already replaced it while this one waited, that result is used: one renewal per expiry.
   */
  Session renew(Session seen, Deadline deadline) {
    lockRenew(deadline);
    try {
      Session cur = session;
      if (cur != null && (seen == null || !cur.jwt().equals(seen.jwt())) && fresh(cur)) {
        return cur;
      }
      Session next = obtain(cur);
      session = next;
      return next;
    } finally {
      renewLock.unlock();
    }
  }

  private Session obtain(Session cur) {
    String wanted = org;
    if (cur != null && nowSeconds() - cur.origIatSeconds() < REFRESH_WINDOW_SECONDS) {
      ObjectNode body = JSON.createObjectNode().put("token", cur.jwt());
      HttpResponse<String> r = send(jsonPost("/api/v2/auth/token/refresh", body, null));
      if (r.statusCode() / 100 == 2) {
        refreshes.incrementAndGet();
        return Session.of(readJson(r, "/api/v2/auth/token/refresh").path("token").asText(), wanted);
      }
      LOG.debug("token refresh refused by {} (status {}); logging in again", server, r.statusCode());
    }
    switch (kind) {
      case PASSWORD:
        {
          ObjectNode body = JSON.createObjectNode().put("username", username).put("password", secret);
          if (wanted != null) {
            body.put("org_name", wanted);
          }
          return loggedIn(send(jsonPost("/api-token-auth/", body, null)), "/api-token-auth/", wanted);
        }
      case API_KEY:
        {
          ObjectNode body = JSON.createObjectNode();
          if (wanted != null) {
            body.put("org_name", wanted);
          }
          HttpRequest.Builder rb =
              jsonPost("/api/v2/auth/pkey/jwt/", body, null)
                  .header("Authorization", "PersonalKey " + keyId + ":" + secret);
          return loggedIn(send(rb), "/api/v2/auth/pkey/jwt/", wanted);
        }
      case SSO:
        return ssoLogin(wanted);
      case JWT:
        throw new GraphistryException(
            String.format(
                Locale.ROOT,
                "the token of this JWT-only client for %s expired or was refused and cannot be"
                    + " refreshed (past the 24 h window or rejected by the server); a JWT-only client"
                    + " has no credentials to log in again: build a new client with a fresh token or"
                    + " with credentials",
                server));
      default:
        throw new GraphistryException(
            "this client has no credentials: build it with passwordLogin(...), apiKey(...), sso(...)"
                + " or jwt(...), or call Graphistry.register(...) with a configured client");
    }
  }

  private Session loggedIn(HttpResponse<String> r, String path, String wanted) {
    if (r.statusCode() / 100 != 2) {
      throw new GraphistryException(
          String.format(Locale.ROOT, "login at %s%s failed: HTTP %d: %s (check the credentials of %s)",
              server, path, r.statusCode(), serverMessage(r), this),
          r.statusCode(), null);
    }
    JsonNode json = readJson(r, path);
    JsonNode ao = json.path("active_organization");
    if (wanted != null && ao.isObject()) {
      boolean ok = wanted.equals(ao.path("slug").asText(null))
          && ao.path("is_found").asBoolean(true) && ao.path("is_member").asBoolean(true);
      if (!ok) {
        throw new GraphistryException(
            String.format(
                Locale.ROOT,
                "login to %s succeeded but organization '%s' was %s; check the org name or ask an"
                    + " admin to add the account to it",
                server, wanted,
                !ao.path("is_found").asBoolean(true) ? "not found" : "not one this account belongs to"));
      }
    }
    String token = json.path("token").asText(null);
    if (token == null) {
      throw new GraphistryException("login at " + server + path + " answered without a token");
    }
    logins.incrementAndGet();
    return Session.of(token, wanted);
  }

  private Session ssoLogin(String wanted) {
    String path = wanted == null
        ? "/api/v2/g/sso/oidc/login/"
        : "/api/v2/o/" + enc(wanted) + "/sso/oidc/login/" + (ssoIdp == null ? "" : enc(ssoIdp) + "/");
    HttpRequest.Builder rb =
        request(path, requestTimeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("client-type=confine-java"));
    JsonNode start = okJson(send(rb), path);
    if (!"OK".equals(start.path("status").asText())) {
      throw new GraphistryException("SSO start at " + server + " failed: " + start.path("message").asText("no message"));
    }
    JsonNode data = start.path("data");
    if (data.hasNonNull("token")) {
      logins.incrementAndGet();
      return Session.of(data.path("token").asText(), wanted);
    }
    String state = data.path("state").asText(null);
    String authUrl = data.path("auth_url").asText(null);
    if (state == null || authUrl == null) {
      throw new GraphistryException("SSO start at " + server + " answered without state and auth_url");
    }
    ssoOpenUrl.accept(URI.create(authUrl));
    Deadline deadline = Deadline.after(ssoTimeout);
    String poll = "/api/v2/o/sso/oidc/jwt/" + enc(state) + "/";
    while (true) {
      HttpResponse<String> r = send(request(poll, requestTimeout).GET());
      if (r.statusCode() / 100 == 2) {
        JsonNode d = readJson(r, poll).path("data");
        if (d.hasNonNull("token")) {
          logins.incrementAndGet();
          String slug = d.path("active_organization").path("slug").asText(wanted);
          return Session.of(d.path("token").asText(), wanted != null ? wanted : slug);
        }
      }
      if (deadline.isExpired()) {
        throw new GraphistryException(
            String.format(Locale.ROOT, "SSO login at %s not completed within %s; open %s and log in,"
                + " or raise ssoTimeout", server, ssoTimeout, authUrl));
      }
      try {
        // the server offers no push; polling at the interval is the protocol (Python polls ~1/s)
        Thread.sleep(Math.min(ssoPollInterval.toMillis(), Math.max(1, deadline.remaining().toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GraphistryException("interrupted while waiting for the SSO login", e);
      }
    }
  }

  // ---------------------------------------------------------------- upload

  PlotResult plot(Plottable p, PlotListener listener) {
    p.validate();
    Deadline deadline = Deadline.after(requestTimeout);
    Session s = session(deadline);
    try {
      return plotOnce(p, s, listener);
    } catch (Unauthorized first) {
      Session renewed = renew(s, Deadline.after(requestTimeout));
      try {
        return plotOnce(p, renewed, listener);
      } catch (Unauthorized second) {
        throw new GraphistryException(
            String.format(Locale.ROOT, "%s refused a freshly renewed token (HTTP 401 twice) for %s: %s",
                server, this, second.getMessage()),
            401, null);
      }
    }
  }

  private PlotResult plotOnce(Plottable p, Session s, PlotListener listener) {
    String account = base() + "|" + s.username();
    if (!serializePerAccount) {
      return switchAndUpload(p, s, account, listener);
    }
    KeyedLocks<String>.Held held = ACCOUNT_LOCKS.lock(account, Deadline.after(uploadTimeout));
    try {
      return switchAndUpload(p, s, account, listener);
    } finally {
      held.close();
    }
  }

  private PlotResult switchAndUpload(Plottable p, Session s, String account, PlotListener listener) {
    String target = s.org() != null ? s.org() : s.username();
    // the remembered org is only trustworthy under the account lock; without it, switch every time
    if (!serializePerAccount || !target.equals(ACTIVE_ORG.get(account))) {
      String path = "/api/v2/o/" + enc(target) + "/switch/";
      HttpRequest.Builder rb =
          request(path, requestTimeout)
              .header("Authorization", "Bearer " + s.jwt())
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString("slug=" + enc(target)));
      okJson(send(rb), path);
      ACTIVE_ORG.put(account, target);
    }
    if (usesFilesApi(p)) {
      return plotViaFiles(p, s, target, listener);
    }
    ObjectNode dataset = p.datasetJson(s.org());
    JsonNode created = okJson(send(jsonPost("/api/v2/upload/datasets/", dataset, s)), "/api/v2/upload/datasets/");
    String id = created.path("data").path("dataset_id").asText(null);
    if (id == null) {
      throw new GraphistryException("dataset creation on " + server + " answered without data.dataset_id");
    }
    String part = "edges";
    try {
      upload(s, "/api/v2/upload/datasets/" + enc(id) + "/edges/arrow", p.edgesTable(), "edges", listener, false);
      if (p.nodesTable() != null) {
        part = "nodes";
        upload(s, "/api/v2/upload/datasets/" + enc(id) + "/nodes/arrow", p.nodesTable(), "nodes", listener, false);
      }
    } catch (GraphistryException e) {
      if (e.status() != 413) {
        throw e;
      }
      return afterTooLarge(p, s, target, listener, id, part, e);
    }
    return new PlotResult(id, viewerUrl(id, p), s.org());
  }

  /** The Files API is used for every table if asked, else when any table is over the threshold. */
  private boolean usesFilesApi(Plottable p) {
    return alwaysFilesApi || overFilesThreshold(p.edgesTable())
        || (p.nodesTable() != null && overFilesThreshold(p.nodesTable()));
  }

  private boolean overFilesThreshold(Table t) {
    long rows = t.knownRows();
    long bytes = t.knownBytes();
    return (rows >= 0 && rows > filesApiRows) || (bytes >= 0 && bytes > filesApiBytes);
  }

  /**
   * The dataset route answered 413 (over the server's UPLOAD_MAX_SIZE). The encoder streams, so the
   * table was already consumed by then: retry through the Files API, gzip-compressed, only if every
   * table can be read again.
   */
  private PlotResult afterTooLarge(Plottable p, Session s, String org, PlotListener listener,
      String datasetId, String part, GraphistryException tooLarge) {
    String left = part.equals("edges") ? "empty" : "with its edges but without nodes";
    boolean rereadable = p.edgesTable().rereadable() && (p.nodesTable() == null || p.nodesTable().rereadable());
    if (!rereadable) {
      throw new GraphistryException(
          String.format(Locale.ROOT,
              "%s answered HTTP 413 to the %s table of dataset %s (over the server's UPLOAD_MAX_SIZE); the"
                  + " dataset is left on the server %s. The table was consumed by that upload and cannot be"
                  + " read again, so it was not retried through the Files API: build the client with"
                  + " alwaysFilesApi(true) to upload gzip-compressed from the start, or split the table",
              server, part, datasetId, left),
          413, tooLarge);
    }
    LOG.warn("{} answered HTTP 413 (over UPLOAD_MAX_SIZE) to the {} table of dataset {}; that dataset is"
        + " left on the server {} in org {}; retrying through the Files API, gzip-compressed",
        server, part, datasetId, left, org);
    return plotViaFiles(p, s, org, listener);
  }

  /** A file named by a dataset: its id, its cache key (null: not cached), and whether it came from the cache. */
  private record FileRef(String fileId, FileIdCache.Key key, boolean cached) {}

  /**
   * Files flow: one file per table, uploaded gzip-compressed (or reused from the cache for this
   * tenant), then a dataset naming the files. If the server no longer accepts a cached file id, the
   * ids are dropped from the cache and the tables uploaded again, once.
   */
  private PlotResult plotViaFiles(Plottable p, Session s, String org, PlotListener listener) {
    String path = "/api/v2/upload/datasets/";
    FileRef edges = null;
    FileRef nodes = null;
    for (int attempt = 0; ; attempt++) {
      boolean mayReuse = attempt == 0;
      if (edges == null) {
        edges = uploadFile(s, org, p.edgesTable(), "edges", listener, mayReuse);
      }
      if (nodes == null && p.nodesTable() != null) {
        nodes = uploadFile(s, org, p.nodesTable(), "nodes", listener, mayReuse);
      }
      ObjectNode dataset = p.datasetJson(s.org());
      dataset.putArray("edge_files").add(edges.fileId());
      ArrayNode nodeFiles = dataset.putArray("node_files");
      if (nodes != null) {
        nodeFiles.add(nodes.fileId());
      }
      HttpResponse<String> r = send(jsonPost(path, dataset, s));
      int st = r.statusCode();
      boolean anyCached = edges.cached() || (nodes != null && nodes.cached());
      if (anyCached && mayReuse && (st == 400 || st == 403 || st == 404)) {
        LOG.info("{} refused a dataset naming cached file ids (HTTP {}: {}); the files are gone or no longer"
            + " usable, uploading the tables again", server, st, serverMessage(r));
        // files uploaded just now stay; only the cached ones are suspect
        if (edges.cached()) {
          FILE_IDS.invalidate(edges.key(), edges.fileId());
          edges = null;
        }
        if (nodes != null && nodes.cached()) {
          FILE_IDS.invalidate(nodes.key(), nodes.fileId());
          nodes = null;
        }
        continue;
      }
      String id = okJson(r, path).path("data").path("dataset_id").asText(null);
      if (id == null) {
        throw new GraphistryException("dataset creation on " + server + " answered without data.dataset_id");
      }
      return new PlotResult(id, viewerUrl(id, p), s.org());
    }
  }

  private FileRef uploadFile(Session s, String org, Table table, String part, PlotListener listener,
      boolean mayReuse) {
    FileIdCache.Key key = null;
    // a token without a username claim cannot tell accounts apart: then no reuse rather than a shared key
    if (reuseUploadedFiles && table.rereadable() && !s.username().isEmpty()) {
      // the hash is of the uncompressed Arrow bytes, the same bytes the upload sends
      key = new FileIdCache.Key(base(), s.username(), org, contentSha256(table, part));
      String cached = mayReuse ? FILE_IDS.get(key) : null;
      if (cached != null) {
        LOG.debug("{} table unchanged since its upload to {} as file {} (account {}, org {}): reusing it",
            part, server, cached, s.username(), org);
        return new FileRef(cached, key, true);
      }
    }
    ObjectNode file = JSON.createObjectNode().put("file_type", "arrow").put("file_compression", "gzip")
        .put("agent_name", AGENT_NAME).put("agent_version", AGENT_VERSION).put("name", part);
    if (s.org() != null) {
      file.put("org_name", s.org());
    }
    String fileId = okJson(send(jsonPost("/api/v2/files/", file, s)), "/api/v2/files/").path("file_id").asText(null);
    if (fileId == null || fileId.isEmpty()) {
      throw new GraphistryException("file creation on " + server + " (/api/v2/files/) answered without file_id");
    }
    String path = "/api/v2/upload/files/" + enc(fileId) + "?erase=true";
    Uploaded up = upload(s, path, table, part, listener, true);
    JsonNode r = up.answer();
    if (!r.path("is_valid").asBoolean(false) || !r.path("is_uploaded").asBoolean(false)) {
      throw new GraphistryException(
          String.format(Locale.ROOT,
              "%s did not accept the %s table uploaded as file %s (gzip-compressed Arrow): is_valid=%s,"
                  + " is_uploaded=%s, errors=%s",
              server, part, fileId, r.path("is_valid"), r.path("is_uploaded"), r.path("errors")));
    }
    if (key != null && up.sha256() != null) {
      if (!up.sha256().equals(key.contentSha256())) {
        // the table changed between the hashing pass and the upload (a CSV file rewritten meanwhile):
        // remember the file under what was actually sent, never under the stale hash
        LOG.warn("the {} table changed while it was being uploaded to {} as file {}; cached under the uploaded"
            + " content", part, server, fileId);
        key = new FileIdCache.Key(key.server(), key.account(), key.org(), up.sha256());
      }
      FILE_IDS.put(key, fileId);
    }
    return new FileRef(fileId, key, false);
  }

  /** SHA-256 (hex) of the table's uncompressed Arrow IPC file bytes; encodes once, keeps nothing. */
  private String contentSha256(Table table, String part) {
    MessageDigest md = sha256();
    try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), md)) {
      ArrowEncoder.write(table, sink, batchRows, part, PlotListener.none());
    } catch (IOException | RuntimeException e) {
      throw encodingFailure(part, e);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The server's JSON answer to an upload, and the SHA-256 of the Arrow bytes sent (null if unknown). */
  private record Uploaded(JsonNode answer, String sha256) {}

  /** One run of the encoder thread for one request body. */
  private static final class Encoding {
    final AtomicReference<Throwable> error = new AtomicReference<>();
    final CountDownLatch done = new CountDownLatch(1);
    final MessageDigest digest = sha256(); // updated by the encoder thread only; read after done
    volatile InputStream pipe;
  }

  private Uploaded upload(Session s, String path, Table table, String part, PlotListener listener, boolean gzip) {
    // the HTTP client may ask for the body more than once; each time gets its own encoder run
    AtomicReference<Encoding> current = new AtomicReference<>();
    HttpRequest.Builder rb =
        request(path, uploadTimeout)
            .header("Authorization", "Bearer " + s.jwt())
            .header("Content-Type", "application/octet-stream")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
              Encoding e = new Encoding();
              Encoding previous = current.getAndSet(e);
              if (previous != null) {
                closeQuietly(previous.pipe);
              }
              return encodeInBackground(table, part, listener, e, gzip);
            }));
    HttpResponse<String> r;
    try {
      r = send(rb);
    } catch (GraphistryException e) {
      Encoding run = current.get();
      Throwable enc = run == null ? null : run.error.get();
      throw enc != null ? encodingFailure(part, enc) : e;
    } finally {
      Encoding run = current.get();
      if (run != null) {
        closeQuietly(run.pipe); // unblocks an encoder whose reader went away
      }
    }
    Encoding run = current.get();
    Throwable enc = run == null ? null : run.error.get();
    // a server that refuses early (413 before reading the whole body) makes the encoder's next write
    // fail on the closed pipe: then the server's answer is the news, not the encoder's I/O error
    boolean readerLeftFirst = r.statusCode() / 100 != 2 && enc instanceof IOException;
    if (enc != null && !readerLeftFirst) {
      throw encodingFailure(part, enc);
    }
    JsonNode answer = okJson(r, path);
    String sha = null;
    try {
      // a 2xx means the server read the whole body, so the encoder is finishing or done
      if (run != null && run.done.await(requestTimeout.toMillis(), TimeUnit.MILLISECONDS) && run.error.get() == null) {
        sha = HexFormat.of().formatHex(run.digest.digest());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Uploaded(answer, sha);
  }

  private static RuntimeException encodingFailure(String part, Throwable t) {
    if (t instanceof GraphistryException g) {
      return g;
    }
    if (t instanceof IllegalArgumentException) {
      return new GraphistryException("cannot encode the " + part + " table: " + t.getMessage(), t);
    }
    return new GraphistryException("encoding the " + part + " table as Arrow failed: " + t, t);
  }

  /**
   * Starts an encoder thread writing into a pipe the HTTP client reads: memory is one batch plus the
   * pipe (and gzip's window when compressing). The digest sees the uncompressed Arrow bytes.
   */
  private InputStream encodeInBackground(Table table, String part, PlotListener listener, Encoding run, boolean gzip) {
    PipedInputStream in = new PipedInputStream(1 << 16);
    PipedOutputStream out;
    try {
      out = new PipedOutputStream(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    run.pipe = in;
    ENCODERS.execute(() -> {
      OutputStream body = out;
      try {
        if (gzip) {
          body = fastGzip(out);
        }
        // closing the Arrow writer closes the digest stream, which finishes gzip and closes the pipe
        ArrowEncoder.write(table, new DigestOutputStream(body, run.digest), batchRows, part, listener);
      } catch (Throwable t) {
        run.error.set(t);
        closeQuietly(in); // the HTTP client's read then fails, ending the request
      } finally {
        try {
          body.close(); // also frees gzip's native deflater when encoding failed half way
        } catch (IOException ignored) {
          // reader already gone
        }
        try {
          out.close();
        } catch (IOException ignored) {
          // reader already gone
        }
        run.done.countDown();
      }
    });
    return in;
  }

  /**
   * gzip at level 1: on Arrow edge tables it is about 3-4 times faster than the default level 6 for
   * about 5% more bytes (100,000 edges: 1.06 MB vs 1.01 MB from 4.4 MB), and the upload is bound by
   * the encoder's CPU as much as by the network.
   */
  private static OutputStream fastGzip(OutputStream out) throws IOException {
    return new GZIPOutputStream(out, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
  }

  private static void closeQuietly(InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // nothing to do: closing only unblocks the encoder
      }
    }
  }

  URI viewerUrl(String datasetId, Plottable p) {
    StringBuilder u = new StringBuilder()
        .append(protocol).append("://").append(browserServer).append("/graph/graph.html?dataset=")
        .append(enc(datasetId)).append("&type=arrow&viztoken=").append(UUID.randomUUID())
        .append("&usertag=confine-java&splashAfter=").append(clock.millis() / 1000 + 15)
        .append("&info=true");
    p.urlParams().forEach((k, v) -> u.append('&').append(enc(k)).append('=').append(enc(v)));
    return URI.create(u.toString());
  }

  // ---------------------------------------------------------------- HTTP

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(base() + path)).timeout(timeout);
  }

  private HttpRequest.Builder jsonPost(String path, JsonNode body, Session s) {
    HttpRequest.Builder rb = request(path, requestTimeout).header("Content-Type", "application/json");
    if (s != null) {
      rb.header("Authorization", "Bearer " + s.jwt());
    }
    try {
      return rb.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    } catch (IOException e) {
      throw new GraphistryException("cannot write JSON for " + path, e);
    }
  }

  HttpResponse<String> send(HttpRequest.Builder rb) {
    HttpRequest req = rb.build();
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw new GraphistryException(
          String.format(Locale.ROOT, "timed out after %s waiting for %s %s; the server may already have"
              + " acted on it (raise requestTimeout/uploadTimeout for slow servers)",
              req.timeout().orElse(requestTimeout), req.method(), req.uri().getPath()),
          e);
    } catch (java.net.ConnectException e) {
      // no connection, so nothing was sent: safe to retry once the address is right
      throw new GraphistryException(
          String.format(Locale.ROOT, "cannot connect to %s for %s %s (%s); nothing was sent. Check the server"
              + " address and protocol, and that the server is up.",
              base(), req.method(), req.uri().getPath(), whyNoConnection(req.uri().getHost())),
          e);
    } catch (IOException e) {
      throw new GraphistryException(
          String.format(Locale.ROOT, "I/O error on %s %s%s: %s; the server may have acted on it",
              req.method(), server, req.uri().getPath(), e),
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraphistryException("interrupted during " + req.method() + " " + req.uri().getPath(), e);
    }
  }

  /** The JDK's ConnectException carries no reason; the one a user can act on is whether the name resolves. */
  private static String whyNoConnection(String host) {
    try {
      java.net.InetAddress.getByName(host);
      return "connection refused or host unreachable";
    } catch (java.net.UnknownHostException e) {
      return "host name '" + host + "' does not resolve";
    }
  }

  private static JsonNode readJson(HttpResponse<String> r, String path) {
    try {
      return JSON.readTree(r.body().isEmpty() ? "{}" : r.body());
    } catch (IOException e) {
      throw new GraphistryException("the server's answer to " + path + " is not JSON (HTTP " + r.statusCode() + ")", e);
    }
  }

  private JsonNode okJson(HttpResponse<String> r, String path) {
    int st = r.statusCode();
    if (st == 401) {
      throw new Unauthorized(String.format(Locale.ROOT, "HTTP 401 from %s: %s", path, serverMessage(r)));
    }
    if (st / 100 != 2) {
      String hint = st != 413 ? ""
          : path.startsWith("/api/v2/upload/files/")
              ? " (the table is larger than the server's upload limit UPLOAD_MAX_SIZE even gzip-compressed"
                  + " through the Files API; split it or ask the admin to raise the limit)"
              : " (the table is larger than the server's upload limit UPLOAD_MAX_SIZE)";
      throw new GraphistryException(
          String.format(Locale.ROOT, "%s%s answered HTTP %d: %s%s", server, path, st, serverMessage(r), hint),
          st, null);
    }
    JsonNode json = readJson(r, path);
    if (json.has("success") && !json.path("success").asBoolean()) {
      throw new GraphistryException(
          String.format(Locale.ROOT, "%s%s reported failure: %s", server, path, serverMessage(r)), st, null);
    }
    return json;
  }

  private static String serverMessage(HttpResponse<String> r) {
    String body = r.body() == null ? "" : r.body();
    try {
      JsonNode j = JSON.readTree(body);
      for (String f : new String[] {"message", "detail", "error", "non_field_errors"}) {
        if (j != null && j.has(f)) {
          JsonNode v = j.get(f);
          return v.isArray() && v.size() > 0 ? v.get(0).asText() : v.asText();
        }
      }
    } catch (IOException ignored) {
      // not JSON: fall through to the raw text
    }
    return body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }

  /** A 401: the token was refused. Package-private so callers retry once after a renewal. */
  static final class Unauthorized extends GraphistryException {
    private static final long serialVersionUID = 1L;

    Unauthorized(String message) {
      super(message, 401, null);
    }
  }

  /**
   * Builds a {@link GraphistryClient}. Not thread-safe; use from one thread. Defaults: https,
   * hub.graphistry.com, 30 s request timeout, 10 min upload timeout, refresh 5 min ahead of expiry,
   * Files API over 1,000,000 rows or 100 MiB per table, uploaded files reused per tenant.
   */
  public static final class Builder {
    private Kind kind = Kind.UNCONFIGURED;
    private String protocol = "https";
    private String server = "hub.graphistry.com";
    private String browserServer;
    private String org;
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration uploadTimeout = Duration.ofMinutes(10);
    private ProxySelector proxy;
    private HttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private Duration refreshAhead = Duration.ofMinutes(5);
    private String username;
    private String secret;
    private String keyId;
    private String jwt;
    private String ssoIdp;
    private Consumer<URI> ssoOpenUrl;
    private Duration ssoTimeout = Duration.ofSeconds(50);
    private Duration ssoPollInterval = Duration.ofSeconds(1);
    private int batchRows = ArrowEncoder.DEFAULT_BATCH_ROWS;
    private boolean serializePerAccount = true;
    private boolean alwaysFilesApi;
    private long filesApiRows = DEFAULT_FILES_API_ROWS;
    private long filesApiBytes = DEFAULT_FILES_API_BYTES;
    private boolean reuseUploadedFiles = true;

    private Builder() {}

    /** {@code host} or {@code host:port}, without protocol or path. */
    public Builder server(String hostAndPort) {
      Objects.requireNonNull(hostAndPort, "hostAndPort");
      if (hostAndPort.isBlank() || hostAndPort.contains("/")) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "server must be host or host:port without protocol or path: '%s'", hostAndPort));
      }
      this.server = hostAndPort;
      return this;
    }

    /** Where viewer URLs point when browsers reach the server under another name (a proxy). */
    public Builder browserServer(String hostAndPort) {
      this.browserServer = Objects.requireNonNull(hostAndPort, "hostAndPort");
      return this;
    }

    /** {@code https} (default) or {@code http} (local servers). */
    public Builder protocol(String protocol) {
      Objects.requireNonNull(protocol, "protocol");
      String p = protocol.toLowerCase(Locale.ROOT);
      if (!p.equals("https") && !p.equals("http")) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "protocol must be https or http: '%s'", protocol));
      }
      this.protocol = p;
      return this;
    }

    /** The organization to plot into; {@code null} (default) is the account's personal org. */
    public Builder org(String org) {
      this.org = org;
      return this;
    }

    public Builder requestTimeout(Duration d) {
      this.requestTimeout = positive(d, "requestTimeout");
      return this;
    }

    /** Timeout of one Arrow upload request (sending the body included). */
    public Builder uploadTimeout(Duration d) {
      this.uploadTimeout = positive(d, "uploadTimeout");
      return this;
    }

    public Builder proxy(ProxySelector proxy) {
      this.proxy = Objects.requireNonNull(proxy, "proxy");
      return this;
    }

    /** A custom transport; its own timeouts and proxy then apply, {@link #proxy} is ignored. */
    public Builder httpClient(HttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /** The clock that decides when a token is near expiry (tests inject a fixed one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long before expiry a token is refreshed. */
    public Builder refreshAhead(Duration d) {
      Objects.requireNonNull(d, "refreshAhead");
      if (d.isNegative()) {
        throw new IllegalArgumentException("refreshAhead must not be negative: " + d);
      }
      this.refreshAhead = d;
      return this;
    }

    /** Rows per Arrow record batch (memory per upload is about one batch). */
    public Builder batchRows(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("batchRows must be positive: " + rows);
      }
      this.batchRows = rows;
      return this;
    }

    public Builder passwordLogin(String username, String password) {
      this.kind = Kind.PASSWORD;
      this.username = Objects.requireNonNull(username, "username");
      this.secret = Objects.requireNonNull(password, "password");
      return this;
    }

    /** A personal API key: its id and its secret. */
    public Builder apiKey(String keyId, String keySecret) {
      this.kind = Kind.API_KEY;
      this.keyId = Objects.requireNonNull(keyId, "keyId");
      this.secret = Objects.requireNonNull(keySecret, "keySecret");
      return this;
    }

    /** A token obtained elsewhere; it can be refreshed within 24 h of its login, never renewed past that. */
    public Builder jwt(String token) {
      this.kind = Kind.JWT;
      this.jwt = Objects.requireNonNull(token, "token");
      return this;
    }

    /**
     * Single sign-on: the client starts the flow, hands the login URL to {@code openUrl} (print it,
     * or open a browser), and polls until the user finished or {@code timeout} passed.
     *
     * @param idp the identity provider name, or {@code null} for the org's default
     */
    public Builder sso(String idp, Consumer<URI> openUrl, Duration timeout) {
      this.kind = Kind.SSO;
      this.ssoIdp = idp;
      this.ssoOpenUrl = Objects.requireNonNull(openUrl, "openUrl");
      this.ssoTimeout = positive(timeout, "timeout");
      return this;
    }

    /** How often the SSO flow asks whether the user has logged in (default 1 s). */
    public Builder ssoPollInterval(Duration d) {
      this.ssoPollInterval = positive(d, "ssoPollInterval");
      return this;
    }

    /**
     * Upload every table through the Files API ({@code /api/v2/files/}), gzip-compressed. Default
     * off: tables go through the dataset API unless one is over {@link #filesApiThreshold} or the
     * server answers 413 (over its {@code UPLOAD_MAX_SIZE}).
     */
    public Builder alwaysFilesApi(boolean on) {
      this.alwaysFilesApi = on;
      return this;
    }

    /**
     * A plot goes through the Files API, gzip-compressed, when its edges or nodes table has more than
     * {@code rows} rows (known for row lists and Arrow roots) or more than {@code bytes} bytes (known
     * for CSV files, by file size, and Arrow roots, by buffer size). Defaults: 1,000,000 rows, 100 MiB
     * (half of Graphistry Hub's default 200 MB upload limit).
     */
    public Builder filesApiThreshold(long rows, long bytes) {
      if (rows < 0 || bytes < 0) {
        throw new IllegalArgumentException(String.format(Locale.ROOT,
            "filesApiThreshold needs rows >= 0 and bytes >= 0: rows=%d, bytes=%d", rows, bytes));
      }
      this.filesApiRows = rows;
      this.filesApiBytes = bytes;
      return this;
    }

    /**
     * Whether a table already uploaded through the Files API by this tenant (same server, account and
     * org, same content) is named again instead of uploaded again (default true). Finding out costs
     * one extra encoding pass, without network, to hash the table.
     */
    public Builder reuseUploadedFiles(boolean on) {
      this.reuseUploadedFiles = on;
      return this;
    }

    /** For tests that prove the per-account lock is needed: turns it off. */
    Builder serializePerAccount(boolean on) {
      this.serializePerAccount = on;
      return this;
    }

    public GraphistryClient build() {
      return new GraphistryClient(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "%s must be positive: %s", name, d));
      }
      return d;
    }
  }
}
