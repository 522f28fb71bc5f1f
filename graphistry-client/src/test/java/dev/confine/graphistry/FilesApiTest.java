package dev.confine.graphistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.confine.graphistry.testing.FakeGraphistryServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The Files API flow against the fake server over real HTTP on loopback, with real Arrow bytes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FilesApiTest {
  static final Instant T0 = Instant.parse("2024-05-01T10:15:30.123Z");

  FakeGraphistryServer server;

  @BeforeEach
  void start() {
    server = FakeGraphistryServer.start()
        .addUser("a", "pa", "org1", "org2")
        .addUser("b", "pb", "org1");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Typed rows, nulls in every nullable column, timestamps; repetitive enough to compress well. */
  static List<Map<String, Object>> typedRows(String tag, int n) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("src", tag + "-" + (i % 50));
      r.put("dst", tag + "-" + ((i + 1) % 50));
      r.put("count", i % 4 == 3 ? null : (long) (i % 7));
      r.put("score", i % 5 == 0 ? null : (i % 10) * 0.25);
      r.put("flag", i % 6 == 1 ? null : i % 2 == 0);
      r.put("at", i % 9 == 4 ? null : T0.plusSeconds(i % 3));
      r.put("note", i % 3 == 0 ? null : "é-" + (i % 4));
      rows.add(r);
    }
    return rows;
  }

  /** Every cell as the server decoded it; timestamps arrive as epoch milliseconds. */
  static void assertCells(List<Map<String, Object>> expected, FakeGraphistryServer.Table got) {
    assertNotNull(got, "the server has no table");
    assertEquals(expected.size(), got.rowCount());
    assertEquals(expected.size(), got.rows().size());
    assertTrue(got.schemaMetadataEmpty());
    for (int i = 0; i < expected.size(); i++) {
      Map<String, Object> want = new LinkedHashMap<>(expected.get(i));
      want.replaceAll((k, v) -> v instanceof Instant t ? (Object) t.toEpochMilli() : v);
      assertEquals(want, got.rows().get(i), "row " + i);
    }
  }

  GraphistryClient client(String user, String pw, String org, boolean alwaysFiles) {
    return Fixtures.http(server).passwordLogin(user, pw).org(org).alwaysFilesApi(alwaysFiles).build();
  }

  static long arrowBytes(Table t) throws IOException {
    long[] n = new long[1];
    OutputStream counter = new OutputStream() {
      @Override
      public void write(int b) {
        n[0]++;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        n[0] += len;
      }
    };
    ArrowEncoder.write(t, counter, ArrowEncoder.DEFAULT_BATCH_ROWS, "edges", PlotListener.none());
    return n[0];
  }

  @Test
  void filesFlow_roundTrip_everyCellWithNullsAndTimestamps_gzipOnTheWire() {
    GraphistryClient c = client("a", "pa", "org1", true);
    List<Map<String, Object>> edges = typedRows("e", 300);
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      Map<String, Object> n = new LinkedHashMap<>();
      n.put("id", "e-" + i);
      n.put("label", i % 7 == 0 ? null : "node " + i);
      n.put("seen", i % 5 == 0 ? null : T0.minusSeconds(i));
      nodes.add(n);
    }
    List<String> progress = new ArrayList<>();
    PlotResult r = c.plottable().edges(Table.ofRows(edges), "src", "dst").nodes(Table.ofRows(nodes), "id")
        .bind("node_title", "label").name("via files")
        .plot((part, rows, total) -> {
          synchronized (progress) {
            progress.add(part + ":" + rows + "/" + total);
          }
        });

    FakeGraphistryServer.Dataset d = server.dataset(r.datasetId());
    assertEquals("org1", d.org);
    assertEquals("a", d.owner);
    assertCells(edges, d.edges());
    assertCells(nodes, d.nodes());
    assertTrue(d.edges().arrowTypes().get("at").startsWith("Timestamp(MILLISECOND, UTC)"));
    assertEquals("Int(64, true)", d.edges().arrowTypes().get("count"));

    assertEquals(2, server.files().size());
    String edgeFile = d.request.path("edge_files").get(0).asText();
    String nodeFile = d.request.path("node_files").get(0).asText();
    for (String id : List.of(edgeFile, nodeFile)) {
      FakeGraphistryServer.FileRecord f = server.file(id);
      assertEquals("a", f.owner);
      assertEquals("org1", f.org);
      assertEquals("arrow", f.fileType);
      // the server inflated the body as gzip; plain Arrow declared gzip would have been refused
      assertEquals("gzip", f.compression);
      assertEquals(1, f.uploads());
    }
    assertEquals(300, server.file(edgeFile).table().rowCount());
    assertEquals("src", d.request.path("edge_encodings").path("bindings").path("source").asText());
    assertEquals("via files", d.request.path("name").asText());
    synchronized (progress) {
      assertTrue(progress.contains("edges:300/300"), progress.toString());
      assertTrue(progress.contains("nodes:50/50"), progress.toString());
    }
  }

  @Test
  void overTheRowThreshold_switchesToTheFilesApi_atItStaysOnTheDatasetRoute() {
    GraphistryClient c = Fixtures.http(server).passwordLogin("a", "pa").org("org1")
        .filesApiThreshold(20, Long.MAX_VALUE).build();
    PlotResult at = c.plottable().edges(Table.ofRows(typedRows("x", 20)), "src", "dst").plot();
    assertTrue(server.files().isEmpty(), "20 rows is not over a 20-row threshold");
    assertTrue(server.dataset(at.datasetId()).request.path("edge_files").isMissingNode());
    assertCells(typedRows("x", 20), server.dataset(at.datasetId()).edges());

    List<Map<String, Object>> over = typedRows("y", 21);
    PlotResult r = c.plottable().edges(Table.ofRows(over), "src", "dst").plot();
    assertEquals(1, server.files().size());
    assertCells(over, server.dataset(r.datasetId()).edges());
  }

  @Test
  void csvOverTheByteThreshold_switchesToTheFilesApi(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("e.csv");
    StringBuilder sb = new StringBuilder("s,d,w\n");
    for (int i = 0; i < 40; i++) {
      sb.append("a").append(i).append(",b").append(i).append(',').append(i).append('\n');
    }
    Files.writeString(csv, sb, StandardCharsets.UTF_8);
    GraphistryClient c = Fixtures.http(server).passwordLogin("a", "pa")
        .filesApiThreshold(Long.MAX_VALUE, Files.size(csv) - 1).build();
    PlotResult r = c.plottable().edges(Table.ofCsv(csv), "s", "d").plot();
    assertEquals(1, server.files().size());
    FakeGraphistryServer.Table t = server.dataset(r.datasetId()).edges();
    assertEquals(40, t.rowCount());
    assertEquals(Map.of("s", "a39", "d", "b39", "w", 39L), t.rows().get(39));
    assertEquals("a", server.dataset(r.datasetId()).org, "no org: the personal org");
  }

  @Test
  void http413OnTheDatasetRoute_fallsBackToGzipFiles_thatFitUnderTheLimit() throws IOException {
    List<Map<String, Object>> rows = typedRows("big", 5_000);
    long plain = arrowBytes(Table.ofRows(rows));
    long limit = 60_000;
    assertTrue(plain > limit, "the test table must not fit uncompressed: " + plain);
    server.maxUploadBytes(limit);
    GraphistryClient c = client("a", "pa", "org1", false);

    PlotResult r = c.plottable().edges(Table.ofRows(rows), "src", "dst").plot();

    FakeGraphistryServer.Dataset d = server.dataset(r.datasetId());
    assertCells(rows, d.edges());
    String fileId = d.request.path("edge_files").get(0).asText();
    long wire = server.file(fileId).bytesReceived();
    assertTrue(wire <= limit, "compressed upload " + wire + " must fit under " + limit);
    // the dataset created before the 413 is left behind, empty, in the same tenant and org
    assertEquals(2, server.datasets().size());
    FakeGraphistryServer.Dataset left = server.datasets().values().stream()
        .filter(x -> !x.id.equals(r.datasetId())).findFirst().orElseThrow();
    assertNull(left.edges());
    assertEquals("org1", left.org);
    assertEquals("a", left.owner);
  }

  /** A row source that can be read once only, as a stream from elsewhere would be. */
  static final class OneShotTable extends Table.RowSource {
    private final Table.RowTable rows;
    private final AtomicInteger reads = new AtomicInteger();

    OneShotTable(List<Map<String, Object>> rows) {
      this.rows = (Table.RowTable) Table.ofRows(rows);
    }

    @Override
    List<Column> columns() {
      return rows.columns();
    }

    @Override
    Iterator<Object[]> rows() {
      if (reads.incrementAndGet() > 1) {
        throw new IllegalStateException("one-shot table read twice");
      }
      return rows.rows();
    }

    @Override
    long knownRows() {
      return -1;
    }

    @Override
    boolean rereadable() {
      return false;
    }
  }

  @Test
  void http413_onATableThatCannotBeReadAgain_failsSuggestingAlwaysFilesApi() throws IOException {
    List<Map<String, Object>> rows = typedRows("big", 5_000);
    server.maxUploadBytes(60_000);
    OneShotTable once = new OneShotTable(rows);
    GraphistryException e = assertThrows(GraphistryException.class,
        () -> client("a", "pa", "org1", false).plottable().edges(once, "src", "dst").plot());
    assertEquals(413, e.status());
    assertTrue(e.getMessage().contains("alwaysFilesApi(true)"), e.getMessage());
    assertTrue(e.getMessage().contains("UPLOAD_MAX_SIZE"), e.getMessage());
    assertTrue(server.files().isEmpty(), "no retry through the Files API");
    assertEquals(1, once.reads.get());

    // the suggested fix works, reading the table once (no hashing pass for a one-shot table)
    OneShotTable again = new OneShotTable(rows);
    PlotResult r = client("a", "pa", "org1", true).plottable().edges(again, "src", "dst").plot();
    assertCells(rows, server.dataset(r.datasetId()).edges());
    assertEquals(1, again.reads.get());
  }

  @Test
  void sameTenantTwice_uploadsOnce_andReusesTheFileId() {
    GraphistryClient c1 = client("a", "pa", "org1", true);
    GraphistryClient c2 = client("a", "pa", "org1", true); // another client of the same tenant
    List<Map<String, Object>> rows = typedRows("same", 200);
    PlotResult r1 = c1.plottable().edges(Table.ofRows(rows), "src", "dst").plot();
    PlotResult r2 = c1.plottable().edges(Table.ofRows(typedRows("same", 200)), "src", "dst").plot();
    PlotResult r3 = c2.plottable().edges(Table.ofRows(rows), "src", "dst").plot();

    assertEquals(1, server.files().size());
    FakeGraphistryServer.FileRecord f = server.files().values().iterator().next();
    assertEquals(1, f.uploads());
    for (PlotResult r : List.of(r1, r2, r3)) {
      FakeGraphistryServer.Dataset d = server.dataset(r.datasetId());
      assertEquals(f.id, d.request.path("edge_files").get(0).asText());
      assertCells(rows, d.edges());
    }
    assertNotEquals(r1.datasetId(), r2.datasetId());

    // another table is another file
    c1.plottable().edges(Table.ofRows(typedRows("other", 200)), "src", "dst").plot();
    assertEquals(2, server.files().size());
  }

  @Test
  void identicalTables_ofTwoTenants_twoOrgsOrTwoServers_areEachUploadedByTheirOwner() {
    List<Map<String, Object>> rows = typedRows("shared", 100);
    PlotResult ra = client("a", "pa", "org1", true).plottable().edges(Table.ofRows(rows), "src", "dst").plot();
    PlotResult rb = client("b", "pb", "org1", true).plottable().edges(Table.ofRows(rows), "src", "dst").plot();
    PlotResult ra2 = client("a", "pa", "org2", true).plottable().edges(Table.ofRows(rows), "src", "dst").plot();

    assertEquals(3, server.files().size());
    // without the tenant in the key, b and org2 would first name a's file and be refused
    assertEquals(0, server.refusedFileUses());
    assertFile(ra, "a", "org1", rows);
    assertFile(rb, "b", "org1", rows);
    assertFile(ra2, "a", "org2", rows);

    try (FakeGraphistryServer other = FakeGraphistryServer.start().addUser("a", "pa", "org1")) {
      GraphistryClient elsewhere = Fixtures.http(other).passwordLogin("a", "pa").org("org1").alwaysFilesApi(true).build();
      PlotResult ro = elsewhere.plottable().edges(Table.ofRows(rows), "src", "dst").plot();
      assertEquals(1, other.files().size());
      assertEquals(0, other.refusedFileUses());
      assertCells(rows, other.dataset(ro.datasetId()).edges());
    }
  }

  private void assertFile(PlotResult r, String owner, String org, List<Map<String, Object>> rows) {
    FakeGraphistryServer.Dataset d = server.dataset(r.datasetId());
    FakeGraphistryServer.FileRecord f = server.file(d.request.path("edge_files").get(0).asText());
    assertEquals(owner, f.owner);
    assertEquals(org, f.org);
    assertEquals(owner, d.owner);
    assertEquals(org, d.org);
    assertCells(rows, d.edges());
  }

  /**
   * The server's refusal does not say which file it could not find, so every cached id in the plot is
   * dropped and uploaded again; a file uploaded fresh for this plot is kept, not uploaded twice.
   */
  @Test
  void aCachedFileTheServerNoLongerHas_isUploadedAgain_aFreshFileIsKept() {
    GraphistryClient c = client("a", "pa", "org1", true);
    List<Map<String, Object>> rows = typedRows("gone", 50);
    PlotResult r1 = c.plottable().edges(Table.ofRows(rows), "src", "dst").plot();
    String first = server.dataset(r1.datasetId()).request.path("edge_files").get(0).asText();
    server.deleteFile(first);

    List<Map<String, Object>> nodeRows = List.of(Map.of("id", "gone-0"), Map.of("id", "gone-1"));
    PlotResult r2 = c.plottable().edges(Table.ofRows(rows), "src", "dst").nodes(Table.ofRows(nodeRows), "id").plot();
    FakeGraphistryServer.Dataset d2 = server.dataset(r2.datasetId());
    String second = d2.request.path("edge_files").get(0).asText();
    assertNotEquals(first, second);
    assertCells(rows, d2.edges());
    assertEquals(2, d2.nodes().rowCount());
    // edges uploaded twice in all (first, deleted, then second), the fresh node file once, not re-sent
    assertEquals(2, server.files().size(), "first was deleted; second and the node file remain");
    assertEquals(1, server.file(d2.request.path("node_files").get(0).asText()).uploads());
    assertEquals(0, server.refusedFileUses(), "a deleted file is not a cross-tenant refusal");

    PlotResult r3 = c.plottable().edges(Table.ofRows(rows), "src", "dst").plot();
    assertEquals(second, server.dataset(r3.datasetId()).request.path("edge_files").get(0).asText());
    assertEquals(1, server.file(second).uploads());
  }

  @Test
  void concurrentPlotsOfOneTable_byOneTenant_uploadOnce_onlyUnderTheAccountLock() throws Exception {
    assertEquals(1, concurrentSamePlots(true, "locked"));
    assertEquals(2, concurrentSamePlots(false, "unlocked"));
  }

  private int concurrentSamePlots(boolean accountLock, String tag) throws Exception {
    GraphistryClient c = Fixtures.http(server).passwordLogin("a", "pa").org("org1").alwaysFilesApi(true)
        .serializePerAccount(accountLock).build();
    List<Map<String, Object>> rows = typedRows(tag, 100);
    int filesBefore = server.files().size();
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    server.gateUploads(gate);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<PlotResult>> plots = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        plots.add(pool.submit(() -> c.plottable().edges(Table.ofRows(rows), "src", "dst").plot()));
      }
      assertTrue(server.awaitFileCreations(1, Duration.ofSeconds(20)));
      if (accountLock) {
        assertFalse(server.awaitFileCreations(1, Duration.ofMillis(500)), "the second plot must wait for the first");
      } else {
        assertTrue(server.awaitFileCreations(1, Duration.ofSeconds(20)), "without the lock both create a file");
      }
      gate.countDown();
      for (java.util.concurrent.Future<PlotResult> f : plots) {
        assertCells(rows, server.dataset(f.get(30, TimeUnit.SECONDS).datasetId()).edges());
      }
    } finally {
      server.gateUploads(null);
      gate.countDown();
      pool.shutdownNow();
    }
    return server.files().size() - filesBefore;
  }

  @Test
  void aFileTheServerDoesNotAccept_failsNamingTheFileAndTheErrors_andIsNotCached() {
    GraphistryClient c = client("a", "pa", "org1", true);
    List<Map<String, Object>> rows = typedRows("refused", 20);
    server.refuseNextFileUpload("column 'at': unsupported timestamp unit");
    GraphistryException e = assertThrows(GraphistryException.class,
        () -> c.plottable().edges(Table.ofRows(rows), "src", "dst").plot());
    String refusedId = server.files().keySet().iterator().next();
    assertTrue(e.getMessage().contains("edges table uploaded as file " + refusedId), e.getMessage());
    assertTrue(e.getMessage().contains("is_valid=false"), e.getMessage());
    assertTrue(e.getMessage().contains("unsupported timestamp unit"), e.getMessage());
    assertTrue(server.datasets().isEmpty(), "no dataset names a refused file");

    PlotResult r = c.plottable().edges(Table.ofRows(rows), "src", "dst").plot();
    assertEquals(2, server.files().size(), "the refused file was not cached");
    assertCells(rows, server.dataset(r.datasetId()).edges());
  }

  /** Reads one content for the first pass (the hash) and another for every later one (the upload). */
  static final class ChangingTable extends Table.RowSource {
    private final Table.RowTable first;
    private final Table.RowTable later;
    private final AtomicInteger reads = new AtomicInteger();

    ChangingTable(List<Map<String, Object>> first, List<Map<String, Object>> later) {
      this.first = (Table.RowTable) Table.ofRows(first);
      this.later = (Table.RowTable) Table.ofRows(later);
    }

    @Override
    List<Column> columns() {
      return first.columns();
    }

    @Override
    Iterator<Object[]> rows() {
      return reads.incrementAndGet() == 1 ? first.rows() : later.rows();
    }

    @Override
    long knownRows() {
      return -1;
    }
  }

  @Test
  void aTableThatChangesBetweenHashAndUpload_isCachedUnderWhatWasSent() {
    GraphistryClient c = client("a", "pa", "org1", true);
    List<Map<String, Object>> before = typedRows("before", 30);
    List<Map<String, Object>> after = typedRows("after", 30);
    PlotResult r1 = c.plottable().edges(new ChangingTable(before, after), "src", "dst").plot();
    assertCells(after, server.dataset(r1.datasetId()).edges());

    PlotResult r2 = c.plottable().edges(Table.ofRows(after), "src", "dst").plot();
    assertEquals(1, server.files().size(), "the sent content is what the cache knows");
    assertCells(after, server.dataset(r2.datasetId()).edges());

    // under the stale hash this would name the file holding 'after'
    PlotResult r3 = c.plottable().edges(Table.ofRows(before), "src", "dst").plot();
    assertEquals(2, server.files().size());
    assertCells(before, server.dataset(r3.datasetId()).edges());
  }

  @Test
  void reuseOff_uploadsEveryTime() {
    GraphistryClient c = Fixtures.http(server).passwordLogin("a", "pa").org("org1").alwaysFilesApi(true)
        .reuseUploadedFiles(false).build();
    List<Map<String, Object>> rows = typedRows("again", 30);
    c.plottable().edges(Table.ofRows(rows), "src", "dst").plot();
    c.plottable().edges(Table.ofRows(rows), "src", "dst").plot();
    assertEquals(2, server.files().size());
  }

  // ------------------------------------------------------------ the fake server's own checks

  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  HttpResponse<String> post(String path, String jwt, String contentType, byte[] body) throws Exception {
    HttpRequest rq = HttpRequest.newBuilder(URI.create("http://" + server.hostAndPort() + path))
        .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + jwt)
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    return http.send(rq, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> postJson(String path, String jwt, String json) throws Exception {
    return post(path, jwt, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aFileOfTenantA_isRefusedToTenantB_andToAInAnotherOrg() throws Exception {
    PlotResult ra = client("a", "pa", "org1", true).plottable()
        .edges(Table.ofRows(typedRows("mine", 10)), "src", "dst").plot();
    String fileA = server.dataset(ra.datasetId()).request.path("edge_files").get(0).asText();
    long now = System.currentTimeMillis() / 1000;
    String jwtB = server.issueToken("b", now);
    String jwtA = server.issueToken("a", now);

    HttpResponse<String> ds = postJson("/api/v2/upload/datasets/", jwtB,
        "{\"edge_files\":[\"" + fileA + "\"],\"node_files\":[]}");
    assertEquals(404, ds.statusCode(), ds.body());
    HttpResponse<String> up = post("/api/v2/upload/files/" + fileA + "?erase=true", jwtB, "application/octet-stream",
        new byte[] {1, 2, 3});
    assertEquals(404, up.statusCode(), up.body());

    // same account, other active org: the file stays in org1
    assertEquals(200, post("/api/v2/o/org2/switch/", jwtA, "application/x-www-form-urlencoded",
        "slug=org2".getBytes(StandardCharsets.UTF_8)).statusCode());
    HttpResponse<String> other = postJson("/api/v2/upload/datasets/", jwtA,
        "{\"edge_files\":[\"" + fileA + "\"],\"node_files\":[]}");
    assertEquals(403, other.statusCode(), other.body());
    assertTrue(other.body().contains("org1"), other.body());
    assertEquals(3, server.refusedFileUses());
    assertEquals(1, server.file(fileA).uploads(), "nobody replaced A's content");
  }

  @Test
  void fakeServer_refusesBadFiles_withIsValidFalseAndErrors() throws Exception {
    String jwt = server.issueToken("a", System.currentTimeMillis() / 1000);
    JsonNode bad = GraphistryClient.JSON.readTree(postJson("/api/v2/files/", jwt,
        "{\"file_type\":\"pdf\",\"file_compression\":\"gzip\"}").body());
    assertTrue(bad.path("message").asText().contains("file_type"), bad.toString());
    HttpResponse<String> created = postJson("/api/v2/files/", jwt, "{\"file_type\":\"arrow\",\"file_compression\":\"gzip\"}");
    String id = GraphistryClient.JSON.readTree(created.body()).path("file_id").asText();

    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write("not arrow at all".getBytes(StandardCharsets.UTF_8));
    }
    JsonNode r = GraphistryClient.JSON.readTree(
        post("/api/v2/upload/files/" + id + "?erase=true", jwt, "application/octet-stream", gz.toByteArray()).body());
    assertFalse(r.path("is_valid").asBoolean(true));
    assertFalse(r.path("is_uploaded").asBoolean(true));
    assertTrue(r.path("errors").get(0).asText().contains("ARROW1"), r.toString());

    JsonNode notGzip = GraphistryClient.JSON.readTree(
        post("/api/v2/upload/files/" + id + "?erase=true", jwt, "application/octet-stream", new byte[] {1, 2}).body());
    assertTrue(notGzip.path("errors").get(0).asText().contains("gzip"), notGzip.toString());

    HttpResponse<String> ds = postJson("/api/v2/upload/datasets/", jwt, "{\"edge_files\":[\"" + id + "\"]}");
    assertEquals(400, ds.statusCode(), "a file without content cannot back a dataset");
  }
}
