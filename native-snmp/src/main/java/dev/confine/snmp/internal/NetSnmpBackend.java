package dev.confine.snmp.internal;

import dev.confine.core.Backend;
import dev.confine.core.BackendConfig;
import dev.confine.core.StateScope;
import dev.confine.core.TypeRegistry;
import java.io.File;
import java.util.Arrays;
import java.util.List;

/**
 * Net-SNMP as a Confine backend: {@code PROCESS} scope (the library's globals live in the loaded
 * .so), id {@value #ID}. Opening loads the library once per process and the MIB modules named in
 * the config ({@value #MIB_DIRS}: directories separated by the path separator; {@value
 * #MIB_MODULES}: comma-separated names). Public only for ServiceLoader; its package is not
 * exported.
 */
public final class NetSnmpBackend implements Backend<NetSnmpEngine> {
  /** The backend id child-process workers find it by. */
  public static final String ID = "net-snmp";

  public static final String MIB_DIRS = "mibDirs";
  public static final String MIB_MODULES = "mibModules";

  private static final TypeRegistry TYPES =
      TypeRegistry.newBuilder()
          .register("snmp.OpenSession", Calls.OpenSession.class)
          .register("snmp.Request", Calls.Request.class)
          .register("snmp.CloseSession", Calls.CloseSession.class)
          .register("snmp.ResolveName", Calls.ResolveName.class)
          .register("snmp.PrintName", Calls.PrintName.class)
          .register("snmp.Opened", Wire.Opened.class)
          .register("snmp.Response", Wire.Response.class)
          .register("snmp.Resolved", Wire.Resolved.class)
          .build();

  /** For ServiceLoader. */
  public NetSnmpBackend() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public StateScope scope() {
    return StateScope.PROCESS;
  }

  @Override
  public NetSnmpEngine open(BackendConfig config) {
    NetSnmpEngine engine = NetSnmpEngine.get();
    List<String> dirs = split(config.get(MIB_DIRS, ""), File.pathSeparator);
    List<String> modules = split(config.get(MIB_MODULES, ""), ",");
    if (!dirs.isEmpty() || !modules.isEmpty()) {
      engine.loadMibs(dirs, modules, dev.confine.core.Deadline.none());
    }
    return engine;
  }

  private static List<String> split(String s, String sep) {
    return s.isEmpty() ? List.of() : Arrays.stream(s.split(java.util.regex.Pattern.quote(sep))).filter(x -> !x.isEmpty()).toList();
  }

  /** Sessions are closed by the handle table; the library itself stays loaded for the process. */
  @Override
  public void close(NetSnmpEngine state) {}

  @Override
  public TypeRegistry types() {
    return TYPES;
  }

  @Override
  public boolean handlesReopenable() {
    return true;
  }
}
