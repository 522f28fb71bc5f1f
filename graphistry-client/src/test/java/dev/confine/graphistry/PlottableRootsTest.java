package dev.confine.graphistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.confine.graphistry.testing.FakeGraphistryServer;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PlottableRootsTest {
  FakeGraphistryServer server;
  GraphistryClient c1;
  GraphistryClient c2;
  final Table edges = Table.ofRows(Fixtures.edgeRows("e", 2));

  @BeforeEach
  void start() {
    server = FakeGraphistryServer.start().addUser("u1", "p1").addUser("u2", "p2");
    c1 = Fixtures.password(server, "u1", "p1", null);
    c2 = Fixtures.password(server, "u2", "p2", null);
  }

  @AfterEach
  void stop() {
    Graphistry.register(null);
    server.close();
  }

  private String owner(Plottable g) {
    return server.dataset(g.plot().datasetId()).owner;
  }

  @Test
  void legacyFlow_registerThenPlot_followsLaterRegisterCalls() {
    Graphistry.register(c1);
    Plottable g = Graphistry.edges(edges, "src", "dst");
    assertEquals("u1", owner(g));
    Graphistry.register(c2); // a plottable made before register() does not keep a stale client
    assertEquals("u2", owner(g));
    assertEquals("u2", owner(g.name("child")));
  }

  @Test
  void noClientAnywhere_failsClearly() {
    GraphistryException e = assertThrows(GraphistryException.class, () -> Graphistry.edges(edges, "src", "dst").plot());
    assertTrue(e.getMessage().contains("Graphistry.register"), e.getMessage());
  }

  @Test
  void clientRoot_isTheClient_notTheGlobal() {
    Graphistry.register(c1);
    assertEquals("u2", owner(Graphistry.client(c2).edges(edges, "src", "dst")));
    assertEquals("u2", owner(c2.plottable().edges(edges, "src", "dst").name("n")));
  }

  @Test
  void gClient_returnsNewRoot_leavingGAlone() {
    Graphistry.register(c1);
    Plottable g = Graphistry.edges(edges, "src", "dst");
    Plottable h = g.client(c2);
    Plottable hChild = h.name("later");
    assertSame(c1, g.resolveClient());
    assertSame(c2, h.resolveClient());
    assertSame(c2, hChild.resolveClient());
    assertEquals("u2", owner(hChild));
    assertEquals("u1", owner(g));
  }

  @Test
  void setClient_changesGAndItsInheritingDescendants_notAncestorsSiblingsOrPinnedChildren() {
    Graphistry.register(c1);
    Plottable parent = Graphistry.edges(edges, "src", "dst");
    Plottable g = parent.name("g");
    Plottable sibling = parent.name("sibling");
    Plottable child = g.description("child");
    Plottable grandchild = child.settings(java.util.Map.of("play", "0"));
    GraphistryClient c3 = Fixtures.password(server, "u1", "p1", null);
    Plottable pinned = g.name("pinned").client(c3);
    Plottable pinnedChild = pinned.name("pc");

    g.setClient(c2);

    assertSame(c2, g.resolveClient());
    assertSame(c2, child.resolveClient());
    assertSame(c2, grandchild.resolveClient());
    assertSame(c1, parent.resolveClient());
    assertSame(c1, sibling.resolveClient());
    assertSame(c3, pinned.resolveClient());
    assertSame(c3, pinnedChild.resolveClient());
    assertEquals("u2", owner(grandchild));
    assertEquals("u1", owner(sibling));

    Plottable later = g.name("after");
    assertSame(c2, later.resolveClient());
    g.setClient(null); // back to inheriting: the global root
    assertSame(c1, later.resolveClient());
  }

  @Test
  void chainingIsImmutable() {
    Plottable a = Graphistry.plottable();
    Plottable b = a.edges(edges, "src", "dst");
    Plottable c = b.bind("edge_title", "tag");
    assertNull(a.edgesTable());
    assertSame(edges, b.edgesTable());
    assertSame(edges, c.edgesTable(), "tables are shared, not copied");
    assertEquals(Set.of("source", "destination"), b.bindings().keySet());
    assertEquals("tag", c.bindings().get("edge_title"));
  }

  @Test
  void chain_doesNotKeepAncestorTablesAlive() {
    Table big = Table.ofRows(Fixtures.edgeRows("big", 1000));
    WeakReference<Table> ref = new WeakReference<>(big);
    Plottable g = c1.plottable().edges(big, "src", "dst");
    Plottable child = g.edges(edges, "src", "dst").name("child");
    big = null;
    g = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
    }
    assertNull(ref.get(), "the replaced edges table of an ancestor must be collectable");
    assertSame(c1, child.resolveClient());
  }

  @Test
  void setClient_concurrentWithPlots_eachPlotUsesOldOrNewClient() throws Exception {
    Plottable root = c1.plottable().edges(edges, "src", "dst");
    Plottable derived = root.name("derived");
    int threads = 8;
    int perThread = 6;
    CountDownLatch halfway = new CountDownLatch(threads);
    CountDownLatch switched = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> fs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        fs.add(pool.submit(() -> {
          List<String> owners = new ArrayList<>();
          for (int i = 0; i < perThread; i++) {
            if (i == perThread / 2) {
              halfway.countDown();
              switched.await();
            }
            owners.add(owner(derived.name("p" + i)));
          }
          return owners;
        }));
      }
      // plots run while setClient happens; a second batch starts strictly after it
      assertTrue(halfway.await(30, TimeUnit.SECONDS));
      root.setClient(c2);
      switched.countDown();
      for (Future<List<String>> f : fs) {
        List<String> owners = f.get();
        for (int i = 0; i < owners.size(); i++) {
          assertTrue(owners.get(i).equals("u1") || owners.get(i).equals("u2"), owners.get(i));
          if (i >= perThread / 2) {
            assertEquals("u2", owners.get(i), "plots that start after setClient use the new client");
          } else {
            assertEquals("u1", owners.get(i));
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unknownBindingAndUrlParam_areRefused() {
    Plottable g = c1.plottable();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.bind("colour", "x"));
    assertTrue(e.getMessage().contains("colour"));
    e = assertThrows(IllegalArgumentException.class, () -> g.settings(java.util.Map.of("plya", "0")));
    assertTrue(e.getMessage().contains("plya"));
  }
}
