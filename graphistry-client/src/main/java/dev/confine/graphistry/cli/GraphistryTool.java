package dev.confine.graphistry.cli;

import dev.confine.graphistry.GraphistryClient;
import dev.confine.graphistry.GraphistryException;
import dev.confine.graphistry.PlotResult;
import dev.confine.graphistry.Plottable;
import dev.confine.graphistry.Table;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./confine graphistry plot edges.csv --src a --dst b [--nodes nodes.csv --node id] --server
 * host[:port] (--username u [--password p] | --api-key-id id [--api-key-secret s])}: uploads a CSV and
 * prints the viewer URL. Secrets can come from GRAPHISTRY_PASSWORD / GRAPHISTRY_API_KEY_SECRET so
 * they stay out of the process list. Single-threaded; one upload per run.
 */
public final class GraphistryTool {
  private static final Set<String> OPTIONS = Set.of("--src", "--dst", "--nodes", "--node", "--server",
      "--protocol", "--org", "--username", "--password", "--api-key-id", "--api-key-secret", "--name",
      "--timeout-seconds", "--files-api");

  private GraphistryTool() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err, System.getenv()));
  }

  static String usage() {
    return "usage: ./confine graphistry plot EDGES.csv --src COL --dst COL [--nodes NODES.csv --node COL]\n"
        + "         --server HOST[:PORT] [--protocol https|http] [--org ORG] [--name NAME]\n"
        + "         (--username USER [--password PW] | --api-key-id ID [--api-key-secret SECRET])\n"
        + "         [--files-api auto|always]   auto (default): the Files API, gzip-compressed, for large\n"
        + "                                      tables or after a 413; always: for every table\n"
        + "       secrets may also come from GRAPHISTRY_PASSWORD / GRAPHISTRY_API_KEY_SECRET\n";
  }

  /** Runs the tool; returns the exit code (0 ok, 1 upload failed, 2 bad arguments). */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    if (args.length == 0 || !args[0].equals("plot")) {
      err.print(args.length > 0 && (args[0].equals("--help") || args[0].equals("-h")) ? usage()
          : "graphistry: expected the subcommand 'plot'\n" + usage());
      return 2;
    }
    Map<String, String> opt = new HashMap<>();
    String edgesCsv = null;
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--")) {
        if (!OPTIONS.contains(a)) {
          err.printf(Locale.ROOT, "graphistry: unknown option %s%n%s", a, usage());
          return 2;
        }
        if (i + 1 >= args.length) {
          err.printf(Locale.ROOT, "graphistry: option %s needs a value%n", a);
          return 2;
        }
        opt.put(a, args[++i]);
      } else if (edgesCsv == null) {
        edgesCsv = a;
      } else {
        err.printf(Locale.ROOT, "graphistry: unexpected argument '%s' (one edges CSV only)%n", a);
        return 2;
      }
    }
    String missing = edgesCsv == null ? "EDGES.csv" : !opt.containsKey("--src") ? "--src"
        : !opt.containsKey("--dst") ? "--dst" : !opt.containsKey("--server") ? "--server" : null;
    if (missing == null && opt.containsKey("--nodes") != opt.containsKey("--node")) {
      missing = opt.containsKey("--nodes") ? "--node" : "--nodes";
    }
    if (missing != null) {
      err.printf(Locale.ROOT, "graphistry: missing %s%n%s", missing, usage());
      return 2;
    }
    try {
      GraphistryClient.Builder b = GraphistryClient.newBuilder().server(opt.get("--server"))
          .protocol(opt.getOrDefault("--protocol", "https")).org(opt.get("--org"));
      String filesApi = opt.getOrDefault("--files-api", "auto");
      if (!filesApi.equals("auto") && !filesApi.equals("always")) {
        throw new IllegalArgumentException(
            String.format(Locale.ROOT, "--files-api must be auto or always, got '%s'", filesApi));
      }
      b.alwaysFilesApi(filesApi.equals("always"));
      if (opt.containsKey("--timeout-seconds")) {
        b.requestTimeout(Duration.ofSeconds(Long.parseLong(opt.get("--timeout-seconds"))));
      }
      if (opt.containsKey("--username")) {
        String pw = opt.getOrDefault("--password", env.get("GRAPHISTRY_PASSWORD"));
        if (pw == null) {
          err.println("graphistry: --username needs --password or GRAPHISTRY_PASSWORD");
          return 2;
        }
        b.passwordLogin(opt.get("--username"), pw);
      } else if (opt.containsKey("--api-key-id")) {
        String secret = opt.getOrDefault("--api-key-secret", env.get("GRAPHISTRY_API_KEY_SECRET"));
        if (secret == null) {
          err.println("graphistry: --api-key-id needs --api-key-secret or GRAPHISTRY_API_KEY_SECRET");
          return 2;
        }
        b.apiKey(opt.get("--api-key-id"), secret);
      } else {
        err.println("graphistry: give credentials: --username USER or --api-key-id ID");
        return 2;
      }
      GraphistryClient client = b.build();
      Plottable g = client.plottable().edges(Table.ofCsv(Path.of(edgesCsv)), opt.get("--src"), opt.get("--dst"));
      if (opt.containsKey("--nodes")) {
        g = g.nodes(Table.ofCsv(Path.of(opt.get("--nodes"))), opt.get("--node"));
      }
      if (opt.containsKey("--name")) {
        g = g.name(opt.get("--name"));
      }
      PlotResult r = g.plot((part, rows, total) -> err.printf(Locale.ROOT, "\r%s: %,d rows encoded", part, rows));
      err.println();
      out.println(r.url());
      return 0;
    } catch (GraphistryException | IllegalArgumentException e) {
      err.println();
      err.println("graphistry: " + e.getMessage());
      return e instanceof IllegalArgumentException ? 2 : 1;
    }
  }
}
