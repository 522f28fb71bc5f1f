package dev.confine.graphistry;

import dev.confine.graphistry.testing.FakeGraphistryServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

final class Fixtures {
  private Fixtures() {}

  static GraphistryClient.Builder http(FakeGraphistryServer server) {
    return GraphistryClient.newBuilder().protocol("http").server(server.hostAndPort())
        .requestTimeout(Duration.ofSeconds(20)).uploadTimeout(Duration.ofSeconds(30));
  }

  static GraphistryClient password(FakeGraphistryServer server, String user, String pw, String org) {
    return http(server).passwordLogin(user, pw).org(org).build();
  }

  /** n edges tagged with {@code tag}: src, dst, weight, tag. */
  static List<Map<String, Object>> edgeRows(String tag, int n) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("src", tag + "-" + i);
      r.put("dst", tag + "-" + (i + 1));
      r.put("weight", (long) i);
      r.put("tag", tag);
      rows.add(r);
    }
    return rows;
  }
}
