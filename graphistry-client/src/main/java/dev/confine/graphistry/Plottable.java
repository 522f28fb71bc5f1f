package dev.confine.graphistry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An immutable description of a graph to plot: tables, bindings, encodings, name, URL settings.
 * Every chaining method returns a new plottable and shares (never copies) tables with its parent.
 *
 * <p><b>Which client plots</b> is decided at {@link #plot()} time, lock-free, by walking up the
 * chain's client slots (slots hold no tables, so the chain never keeps its ancestors' tables alive):
 *
 * <pre>
 *   Graphistry.edges(t,..) = a ──► b = a.bind(..) ──► c = b.name(..)     follow the global root
 *                                   │                                     (Graphistry.register, also later calls)
 *                                   └─► d = b.client(X) ──► e = d.bind(..)   root X, for d, e and later children
 *
 *   b.setClient(Y):  b and c now plot with Y; a (ancestor) keeps the global root;
 *                    d and e keep X (they picked their own client); a's other children are untouched.
 *   X.plottable() / Graphistry.client(X): a chain whose root is X.
 * </pre>
 *
 * <p><b>Concurrency:</b> thread-safe. The only mutable part is the client slot changed by {@link
 * #setClient}; a plot racing a {@code setClient} uses the old or the new client, never another.
 */
public final class Plottable {
  private static final Logger LOG = LoggerFactory.getLogger(Plottable.class);

  static final Set<String> NODE_BINDINGS = Set.of("node", "node_title", "node_label", "node_color",
      "node_size", "node_weight", "node_icon", "node_opacity", "node_x", "node_y", "node_longitude",
      "node_latitude");
  static final Set<String> EDGE_BINDINGS = Set.of("source", "destination", "edge_title",
      "edge_label", "edge_color", "edge_source_color", "edge_destination_color", "edge_weight",
      "edge_size", "edge_icon", "edge_opacity");
  /** Viewer URL parameters Graphistry documents; others are refused so typos do not pass silently. */
  static final Set<String> URL_PARAMS = Set.of("play", "info", "splashAfter", "showArrows",
      "pointSize", "edgeSize", "edgeCurvature", "pointOpacity", "edgeOpacity", "bg", "linLog",
      "strongGravity", "dissuadeHubs", "edgeInfluence", "precisionVsSpeed", "gravity",
      "scalingRatio", "menu", "showInfo", "showToolbar", "showInspector", "showHistograms",
      "showLabels", "showLabelOnHover", "showPointsOfInterest", "showPointsOfInterestLabel",
      "pointsOfInterestMax", "labelOpacity", "labelColor", "labelBackground", "lockedX", "lockedY",
      "lockedR", "neighborhoodHighlight", "neighborhoodHighlightHops", "workbook", "session");

  final ClientSlot slot;
  private final Table edges;
  private final Table nodes;
  private final Map<String, String> bindings;
  private final Map<String, Map<String, Object>> encodings;
  private final String name;
  private final String description;
  private final Map<String, String> urlParams;

  private Plottable(ClientSlot slot, Table edges, Table nodes, Map<String, String> bindings,
      Map<String, Map<String, Object>> encodings, String name, String description,
      Map<String, String> urlParams) {
    this.slot = slot;
    this.edges = edges;
    this.nodes = nodes;
    this.bindings = bindings;
    this.encodings = encodings;
    this.name = name;
    this.description = description;
    this.urlParams = urlParams;
  }

  static Plottable root(GraphistryClient client) {
    return new Plottable(new ClientSlot(null, client), null, null, Map.of(), Map.of(), null, null, Map.of());
  }

  /** A child: new slot under this one (inherits the client until it picks its own). */
  private Plottable with(Table e, Table n, Map<String, String> b, Map<String, Map<String, Object>> enc,
      String nm, String desc, Map<String, String> url) {
    return new Plottable(new ClientSlot(slot, null), e, n, b, enc, nm, desc, url);
  }

  private static Map<String, String> plus(Map<String, String> m, String k, String v) {
    Map<String, String> out = new LinkedHashMap<>(m);
    out.put(k, v);
    return Map.copyOf(out);
  }

  /** Edges from {@code table}, with source and destination columns. */
  public Plottable edges(Table table, String source, String destination) {
    Objects.requireNonNull(table, "table");
    Map<String, String> b = plus(plus(bindings, "source", Objects.requireNonNull(source, "source")),
        "destination", Objects.requireNonNull(destination, "destination"));
    return with(table, nodes, b, encodings, name, description, urlParams);
  }

  /** Nodes from {@code table}, identified by column {@code nodeId}. */
  public Plottable nodes(Table table, String nodeId) {
    Objects.requireNonNull(table, "table");
    return with(edges, table, plus(bindings, "node", Objects.requireNonNull(nodeId, "nodeId")),
        encodings, name, description, urlParams);
  }

  /**
   * Binds a Graphistry attribute to a column: node bindings {@code node, node_title, node_label,
   * node_color, node_size, node_weight, node_icon, node_opacity, node_x, node_y, node_longitude,
   * node_latitude}; edge bindings {@code source, destination, edge_title, edge_label, edge_color,
   * edge_source_color, edge_destination_color, edge_weight, edge_size, edge_icon, edge_opacity}.
   * {@code point_*} is accepted as an alias of {@code node_*}.
   */
  public Plottable bind(String binding, String column) {
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(column, "column");
    String b = binding.startsWith("point_") ? "node_" + binding.substring(6) : binding;
    if (!NODE_BINDINGS.contains(b) && !EDGE_BINDINGS.contains(b)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "unknown binding '%s'; use one of %s or %s", binding,
              new java.util.TreeSet<>(NODE_BINDINGS), new java.util.TreeSet<>(EDGE_BINDINGS)));
    }
    return with(edges, nodes, plus(bindings, b, column), encodings, name, description, urlParams);
  }

  /** Colors points by a column's categories: {@code mapping} value to color ("#ff0000"), else {@code other}. */
  public Plottable encodePointColor(String column, Map<String, String> mapping, String other) {
    return encodeCategorical("pointColorEncoding", "point", "color", column, mapping, other);
  }

  /** Colors edges by a column's categories. */
  public Plottable encodeEdgeColor(String column, Map<String, String> mapping, String other) {
    return encodeCategorical("edgeColorEncoding", "edge", "color", column, mapping, other);
  }

  /** Icons points by a column's categories: value to icon name. */
  public Plottable encodePointIcon(String column, Map<String, String> mapping, String other) {
    return encodeCategorical("pointIconEncoding", "point", "icon", column, mapping, other);
  }

  /** Sizes points by a numeric column (continuous). */
  public Plottable encodePointSize(String column) {
    Objects.requireNonNull(column, "column");
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("graphType", "point");
    e.put("encodingType", "size");
    e.put("attribute", column);
    e.put("variation", "continuous");
    return withEncoding("pointSizeEncoding", e);
  }

  private Plottable encodeCategorical(String key, String graphType, String encodingType, String column,
      Map<String, String> mapping, String other) {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(mapping, "mapping");
    Map<String, Object> categorical = new LinkedHashMap<>();
    categorical.put("fixed", Map.copyOf(mapping));
    if (other != null) {
      categorical.put("other", other);
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("graphType", graphType);
    e.put("encodingType", encodingType);
    e.put("attribute", column);
    e.put("variation", "categorical");
    e.put("mapping", Map.of("categorical", categorical));
    return withEncoding(key, e);
  }

  private Plottable withEncoding(String key, Map<String, Object> e) {
    Map<String, Map<String, Object>> enc = new LinkedHashMap<>(encodings);
    enc.put(key, Map.copyOf(e));
    return with(edges, nodes, bindings, Map.copyOf(enc), name, description, urlParams);
  }

  public Plottable name(String name) {
    return with(edges, nodes, bindings, encodings, Objects.requireNonNull(name, "name"), description, urlParams);
  }

  public Plottable description(String description) {
    return with(edges, nodes, bindings, encodings, name, Objects.requireNonNull(description, "description"), urlParams);
  }

  /** Viewer URL parameters (e.g. {@code play=0}); unknown names are refused. Values are URL-encoded. */
  public Plottable settings(Map<String, String> params) {
    Objects.requireNonNull(params, "params");
    Map<String, String> out = new LinkedHashMap<>(urlParams);
    params.forEach((k, v) -> {
      if (!URL_PARAMS.contains(k)) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "unknown viewer URL parameter '%s'; known: %s", k, new java.util.TreeSet<>(URL_PARAMS)));
      }
      out.put(k, Objects.requireNonNull(v, "value of " + k));
    });
    return with(edges, nodes, bindings, encodings, name, description, Map.copyOf(out));
  }

  /** A new plottable (and everything chained from it later) whose root is {@code client}; this one is unchanged. */
  public Plottable client(GraphistryClient client) {
    Objects.requireNonNull(client, "client");
    return new Plottable(new ClientSlot(null, client), edges, nodes, bindings, encodings, name, description, urlParams);
  }

  /**
   * Changes the client of this plottable and of everything already chained from it that did not
   * pick its own client; never of its ancestors or siblings. {@code null} goes back to inheriting.
   */
  public void setClient(GraphistryClient client) {
    if (client != null && slot.resolveExplicit() == null && Graphistry.globalClient() != null) {
      LOG.warn("setClient({}) on a plottable that followed the global client {}: it and its"
          + " descendants now use {}; later Graphistry.register calls no longer affect them",
          client, Graphistry.globalClient(), client);
    }
    slot.set(client);
  }

  /** The client a plot would use now (the chain's explicit client, else the global root); null if none. */
  public GraphistryClient resolveClient() {
    GraphistryClient c = slot.resolveExplicit();
    return c != null ? c : Graphistry.globalClient();
  }

  /**
   * Uploads and returns the dataset id and viewer URL; does not open a browser. The tables go
   * through the dataset API, or through the Files API gzip-compressed (large tables, a 413, or
   * {@code alwaysFilesApi}); see {@link GraphistryClient}.
   */
  public PlotResult plot() {
    return plot(PlotListener.none());
  }

  /** As {@link #plot()}, reporting encoding progress to {@code listener}. */
  public PlotResult plot(PlotListener listener) {
    Objects.requireNonNull(listener, "listener");
    GraphistryClient c = resolveClient();
    if (c == null) {
      throw new GraphistryException(
          "no client for this plot: call Graphistry.register(client) or give the chain a client with"
              + " .client(c), c.plottable() or Graphistry.client(c)");
    }
    return c.plot(this, listener);
  }

  Table edgesTable() {
    return edges;
  }

  Table nodesTable() {
    return nodes;
  }

  Map<String, String> urlParams() {
    return urlParams;
  }

  Map<String, String> bindings() {
    return bindings;
  }

  /** Checks bindings against the tables' columns before anything is sent. */
  void validate() {
    if (edges == null) {
      throw new GraphistryException("nothing to plot: call .edges(table, source, destination) first");
    }
    ArrowEncoder.checkSupported(edges, "edges");
    List<String> edgeCols = edges.columnNames();
    List<String> nodeCols = null;
    if (nodes != null) {
      ArrowEncoder.checkSupported(nodes, "nodes");
      nodeCols = nodes.columnNames();
    }
    for (Map.Entry<String, String> b : bindings.entrySet()) {
      boolean isNode = NODE_BINDINGS.contains(b.getKey());
      if (isNode && nodes == null) {
        if (b.getKey().equals("node")) {
          continue;
        }
        throw new GraphistryException(String.format(Locale.ROOT,
            "binding %s -> '%s' needs a nodes table: call .nodes(table, idColumn)", b.getKey(), b.getValue()));
      }
      List<String> cols = isNode ? nodeCols : edgeCols;
      if (!cols.contains(b.getValue())) {
        throw new GraphistryException(String.format(Locale.ROOT,
            "binding %s names column '%s', which the %s table does not have; its columns are %s",
            b.getKey(), b.getValue(), isNode ? "nodes" : "edges", cols));
      }
    }
  }

  ObjectNode datasetJson(String org) {
    ObjectNode root = GraphistryClient.JSON.createObjectNode();
    ObjectNode nodeB = root.putObject("node_encodings").putObject("bindings");
    ObjectNode edgeB = root.putObject("edge_encodings").putObject("bindings");
    bindings.forEach((k, v) -> (NODE_BINDINGS.contains(k) ? nodeB : edgeB).put(k, v));
    if (!encodings.isEmpty()) {
      ObjectNode pointDefault = GraphistryClient.JSON.createObjectNode();
      ObjectNode edgeDefault = GraphistryClient.JSON.createObjectNode();
      encodings.forEach((k, v) -> (k.startsWith("point") ? pointDefault : edgeDefault)
          .set(k, GraphistryClient.JSON.valueToTree(v)));
      if (!pointDefault.isEmpty()) {
        ObjectNode c = ((ObjectNode) root.get("node_encodings")).putObject("complex");
        c.set("default", pointDefault);
        c.set("current", GraphistryClient.JSON.createObjectNode());
      }
      if (!edgeDefault.isEmpty()) {
        ObjectNode c = ((ObjectNode) root.get("edge_encodings")).putObject("complex");
        c.set("default", edgeDefault);
        c.set("current", GraphistryClient.JSON.createObjectNode());
      }
    }
    ObjectNode md = root.putObject("metadata");
    md.put("agent", "confine-java");
    md.put("apiversion", "3");
    md.put("agentversion", "0.1.0");
    md.put("usertag", "confine-java");
    root.put("name", name != null ? name : "Untitled");
    root.put("description", description != null ? description : "");
    if (org != null) {
      root.put("org_name", org);
    }
    return root;
  }
}
