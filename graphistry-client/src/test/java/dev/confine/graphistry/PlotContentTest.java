package dev.confine.graphistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.graphistry.testing.FakeGraphistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlotContentTest {
  FakeGraphistryServer server;
  GraphistryClient client;

  @BeforeEach
  void start() {
    server = FakeGraphistryServer.start().addUser("u", "p", "org1");
    client = Fixtures.password(server, "u", "p", "org1");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void typedRowsWithNulls_arriveCellByCell() {
    List<Map<String, Object>> rows = new ArrayList<>();
    Instant t0 = Instant.parse("2024-05-01T10:15:30.123Z");
    for (int i = 0; i < 5; i++) {
      Map<String, Object> r = new HashMap<>();
      r.put("src", "n" + i);
      r.put("dst", "n" + (i + 1));
      r.put("count", i % 2 == 0 ? (Object) (long) i : (Object) i); // Integer and Long mix: both 64-bit
      r.put("score", i == 3 ? null : i * 0.5);
      r.put("flag", i % 2 == 0);
      r.put("at", t0.plusSeconds(i));
      r.put("note", i == 1 ? null : "é-" + i);
      rows.add(r);
    }
    Map<String, Object> nodes = new LinkedHashMap<>();
    nodes.put("id", "n0");
    nodes.put("label", "zero");
    PlotResult res = client.plottable().edges(Table.ofRows(rows), "src", "dst")
        .nodes(Table.ofRows(List.of(nodes)), "id").bind("node_title", "label").bind("edge_weight", "score")
        .name("typed").description("all types").plot();
    FakeGraphistryServer.Dataset d = server.dataset(res.datasetId());
    assertEquals("org1", d.org);
    FakeGraphistryServer.Table e = d.edges();
    assertEquals(5, e.rowCount());
    assertTrue(e.schemaMetadataEmpty());
    assertEquals("Int(64, true)", e.arrowTypes().get("count"));
    assertTrue(e.arrowTypes().get("at").startsWith("Timestamp(MILLISECOND, UTC)"), e.arrowTypes().get("at"));
    for (int i = 0; i < 5; i++) {
      Map<String, Object> got = e.rows().get(i);
      assertEquals("n" + i, got.get("src"));
      assertEquals("n" + (i + 1), got.get("dst"));
      assertEquals((long) i, got.get("count"));
      assertEquals(i == 3 ? null : i * 0.5, got.get("score"));
      assertEquals(i % 2 == 0, got.get("flag"));
      assertEquals(t0.plusSeconds(i).toEpochMilli(), got.get("at"));
      assertEquals(i == 1 ? null : "é-" + i, got.get("note"));
    }
    assertEquals("zero", d.nodes().rows().get(0).get("label"));
    assertEquals("src", d.request.path("edge_encodings").path("bindings").path("source").asText());
    assertEquals("score", d.request.path("edge_encodings").path("bindings").path("edge_weight").asText());
    assertEquals("label", d.request.path("node_encodings").path("bindings").path("node_title").asText());
    assertEquals("id", d.request.path("node_encodings").path("bindings").path("node").asText());
    assertEquals("3", d.request.path("metadata").path("apiversion").asText());
    assertEquals("typed", d.request.path("name").asText());
  }

  record Edge(String a, String b, double w) {}

  @Test
  void records_csv_andArrowRoot_areAccepted(@TempDir Path dir) throws IOException {
    PlotResult r1 = client.plottable().edges(Table.ofRecords(List.of(new Edge("x", "y", 1.5))), "a", "b").plot();
    assertEquals(Map.of("a", "x", "b", "y", "w", 1.5), server.dataset(r1.datasetId()).edges().rows().get(0));

    Path csv = dir.resolve("e.csv");
    Files.writeString(csv, "s,d,n,f,ok,txt\n1,2,7,0.5,true,\"a,b\"\n2,3,,1.5,false,\n", StandardCharsets.UTF_8);
    FakeGraphistryServer.Table t =
        server.dataset(client.plottable().edges(Table.ofCsv(csv), "s", "d").plot().datasetId()).edges();
    assertEquals(2, t.rowCount());
    assertEquals(1L, t.rows().get(0).get("s"));
    assertEquals(7L, t.rows().get(0).get("n"));
    assertNull(t.rows().get(1).get("n"));
    assertEquals(1.5, t.rows().get(1).get("f"));
    assertEquals(false, t.rows().get(1).get("ok"));
    assertEquals("a,b", t.rows().get(0).get("txt"));
    assertNull(t.rows().get(1).get("txt"));

    try (BufferAllocator alloc = new RootAllocator();
        VarCharVector s = new VarCharVector("s", alloc);
        BigIntVector d = new BigIntVector("d", alloc)) {
      s.allocateNew();
      d.allocateNew();
      s.setSafe(0, "p".getBytes(StandardCharsets.UTF_8));
      s.setNull(1);
      d.setSafe(0, 9);
      d.setSafe(1, 10);
      s.setValueCount(2);
      d.setValueCount(2);
      VectorSchemaRoot root = VectorSchemaRoot.of(s, d);
      FakeGraphistryServer.Table at =
          server.dataset(client.plottable().edges(Table.of(root), "s", "d").plot().datasetId()).edges();
      assertEquals("p", at.rows().get(0).get("s"));
      assertNull(at.rows().get(1).get("s"));
      assertEquals(10L, at.rows().get(1).get("d"));
    }
  }

  @Test
  void manyBatches_streamAndReportProgress() {
    GraphistryClient small = Fixtures.http(server).passwordLogin("u", "p").batchRows(10).build();
    AtomicLong last = new AtomicLong();
    List<Long> seen = new ArrayList<>();
    PlotResult r = small.plottable().edges(Table.ofRows(Fixtures.edgeRows("s", 95)), "src", "dst")
        .plot((part, rows, total) -> {
          seen.add(rows);
          last.set(rows);
          assertEquals(95, total);
        });
    assertEquals(95, last.get());
    assertEquals(10, seen.size(), "one progress call per batch of 10");
    FakeGraphistryServer.Table t = server.dataset(r.datasetId()).edges();
    assertEquals(95, t.rowCount());
    for (int i = 0; i < 95; i++) {
      assertEquals("s-" + i, t.rows().get(i).get("src"));
    }
  }

  @Test
  void viewerUrl_hasTheServersFormat() {
    PlotResult r = client.plottable().edges(Table.ofRows(Fixtures.edgeRows("v", 1)), "src", "dst")
        .settings(Map.of("bg", "#000000")).plot();
    String q = r.url().getRawQuery();
    assertEquals("/graph/graph.html", r.url().getPath());
    assertTrue(q.startsWith("dataset=" + r.datasetId() + "&type=arrow&viztoken="), q);
    assertTrue(q.contains("&usertag=") && q.contains("&splashAfter=") && q.contains("&info=true"), q);
    assertTrue(q.contains("bg=%23000000"), q);
    assertEquals(server.hostAndPort(), r.url().getAuthority());
  }

  @Test
  void missingColumn_missingEdges_unsupportedType_areClearErrors() {
    Table t = Table.ofRows(Fixtures.edgeRows("m", 2));
    GraphistryException e = assertThrows(GraphistryException.class,
        () -> client.plottable().edges(t, "src", "nope").plot());
    assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("destination"), e.getMessage());
    e = assertThrows(GraphistryException.class, () -> client.plottable().plot());
    assertTrue(e.getMessage().contains(".edges("), e.getMessage());
    e = assertThrows(GraphistryException.class,
        () -> client.plottable().edges(t, "src", "dst").bind("node_color", "tag").plot());
    assertTrue(e.getMessage().contains("nodes table"), e.getMessage());
    Map<String, Object> bad = new HashMap<>();
    bad.put("src", new Object());
    IllegalArgumentException ia = assertThrows(IllegalArgumentException.class, () -> Table.ofRows(List.of(bad)));
    assertTrue(ia.getMessage().contains("'src'") && ia.getMessage().contains("unsupported type"), ia.getMessage());
    try (BufferAllocator alloc = new RootAllocator(); ListVector lv = ListVector.empty("l", alloc)) {
      VectorSchemaRoot root = VectorSchemaRoot.of(lv);
      e = assertThrows(GraphistryException.class, () -> client.plottable().edges(Table.of(root), "l", "l").plot());
      assertTrue(e.getMessage().contains("unsupported Arrow type"), e.getMessage());
    }
    assertTrue(server.datasets().isEmpty(), "nothing is sent for bad input");
  }

  @Test
  void mixedTypesInAColumn_failNamingRowAndColumn() {
    Map<String, Object> r0 = new HashMap<>(Map.of("src", "a", "dst", "b", "x", 1L));
    Map<String, Object> r1 = new HashMap<>(Map.of("src", "a", "dst", "b", "x", "oops"));
    GraphistryException e = assertThrows(GraphistryException.class,
        () -> client.plottable().edges(Table.ofRows(List.of(r0, r1)), "src", "dst").plot());
    assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("'x'"), e.getMessage());
  }

  @Test
  void overTheUploadLimit_is413WithTheFix() {
    server.maxUploadBytes(2_000);
    GraphistryException e = assertThrows(GraphistryException.class,
        () -> client.plottable().edges(Table.ofRows(Fixtures.edgeRows("big", 2_000)), "src", "dst").plot());
    assertEquals(413, e.status());
    assertTrue(e.getMessage().contains("UPLOAD_MAX_SIZE"), e.getMessage());
  }
}
