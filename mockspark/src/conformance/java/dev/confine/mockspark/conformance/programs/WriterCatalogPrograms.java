package dev.confine.mockspark.conformance.programs;

import static dev.confine.mockspark.conformance.programs.Programs.add;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalog.Table;

/** DataFrameWriter modes through saveAsTable / insertInto, and Catalog calls. */
final class WriterCatalogPrograms {
  private WriterCatalogPrograms() {}

  private static void seed(SparkSession s, String table) {
    Data.people(s).filter(col("id").leq(2)).select("id", "name").write().saveAsTable(table);
  }

  static void register(List<Case> all) {
    add(all, "writer.saveAsTableThenRead", s -> {
      seed(s, "w_save");
      return s.table("w_save");
    }).cleanup("DROP TABLE IF EXISTS w_save");
    add(all, "writer.defaultModeErrorIfExists", s -> {
      seed(s, "w_err");
      seed(s, "w_err");
      return s.table("w_err");
    }).error("TABLE_OR_VIEW_ALREADY_EXISTS").cleanup("DROP TABLE IF EXISTS w_err");
    add(all, "writer.modeErrorString", s -> {
      seed(s, "w_err2");
      Data.people(s).select("id", "name").write().mode("error").saveAsTable("w_err2");
      return s.table("w_err2");
    }).error("TABLE_OR_VIEW_ALREADY_EXISTS").cleanup("DROP TABLE IF EXISTS w_err2");
    add(all, "writer.append", s -> {
      seed(s, "w_app");
      Data.people(s).filter(col("id").equalTo(3)).select("id", "name").write().mode(SaveMode.Append).saveAsTable("w_app");
      return s.table("w_app");
    }).cleanup("DROP TABLE IF EXISTS w_app");
    add(all, "writer.appendString", s -> {
      seed(s, "w_app2");
      Data.people(s).filter(col("id").equalTo(3)).select("id", "name").write().mode("append").saveAsTable("w_app2");
      return s.table("w_app2");
    }).cleanup("DROP TABLE IF EXISTS w_app2");
    add(all, "writer.overwrite", s -> {
      seed(s, "w_over");
      Data.people(s).filter(col("id").geq(5)).select("id", "name").write().mode(SaveMode.Overwrite).saveAsTable("w_over");
      return s.table("w_over");
    }).cleanup("DROP TABLE IF EXISTS w_over");
    add(all, "writer.ignore", s -> {
      seed(s, "w_ign");
      Data.people(s).select("id", "name").write().mode("ignore").saveAsTable("w_ign");
      return s.table("w_ign");
    }).cleanup("DROP TABLE IF EXISTS w_ign");
    add(all, "writer.insertInto", s -> {
      seed(s, "w_ins");
      Data.people(s).filter(col("id").equalTo(6)).select("id", "name").write().insertInto("w_ins");
      return s.table("w_ins");
    }).cleanup("DROP TABLE IF EXISTS w_ins");
    add(all, "writer.insertIntoByPosition", s -> {
      seed(s, "w_pos");
      Data.people(s).filter(col("id").equalTo(4)).select(col("id").plus(100).alias("x"), col("name").alias("y"))
          .write().insertInto("w_pos");
      return s.table("w_pos");
    }).cleanup("DROP TABLE IF EXISTS w_pos");
    add(all, "writer.insertIntoMissingTable", s -> {
      Data.people(s).write().insertInto("w_never_created");
      return 0L;
    }).error("TABLE_OR_VIEW_NOT_FOUND");
    add(all, "writer.invalidModeString", s -> {
      Data.people(s).write().mode("sometimes");
      return 0L;
    }).error("INVALID_SAVE_MODE");
    add(all, "writer.intoMissingSchema", s -> {
      seed(s, "no_such_db.w_t");
      return 0L;
    }).error("SCHEMA_NOT_FOUND");
    add(all, "writer.intoCreatedSchema", s -> {
      s.sql("CREATE DATABASE w_db");
      seed(s, "w_db.t1");
      return s.table("w_db.t1");
    }).cleanup("DROP DATABASE IF EXISTS w_db CASCADE");
    add(all, "writer.formatParquetPartitionBy", s -> {
      Data.people(s).select("id", "dept").write().format("parquet").partitionBy("dept").saveAsTable("w_part");
      return s.table("w_part").select("id", "dept");
    }).cleanup("DROP TABLE IF EXISTS w_part");

    add(all, "catalog.currentDatabase", s -> s.catalog().currentDatabase());
    add(all, "catalog.tableExistsFalse", s -> s.catalog().tableExists("c_nothing"));
    add(all, "catalog.tableExistsAfterSave", s -> {
      seed(s, "c_t");
      return s.catalog().tableExists("c_t");
    }).cleanup("DROP TABLE IF EXISTS c_t");
    add(all, "catalog.tempViewExists", s -> {
      Data.people(s).createOrReplaceTempView("c_view");
      return s.catalog().tableExists("c_view");
    });
    add(all, "catalog.dropTempView", s -> {
      Data.people(s).createOrReplaceTempView("c_view2");
      boolean dropped = s.catalog().dropTempView("c_view2");
      return List.of(dropped, s.catalog().tableExists("c_view2"), s.catalog().dropTempView("c_view2"));
    });
    add(all, "catalog.listTables", s -> {
      s.sql("CREATE DATABASE c_db");
      seed(s, "c_db.lt_b");
      seed(s, "c_db.lt_a");
      List<String> names = new ArrayList<>();
      for (Table t : s.catalog().listTables("c_db").collectAsList()) {
        // Spark also lists the session's temporary views here; other cases create those
        if (t.name().startsWith("lt_")) {
          names.add(t.name() + "@" + t.database());
        }
      }
      names.sort(null);
      return names;
    }).cleanup("DROP DATABASE IF EXISTS c_db CASCADE");
    add(all, "catalog.createDatabaseViaSql", s -> {
      s.sql("CREATE DATABASE IF NOT EXISTS c_db2");
      return List.of(s.catalog().databaseExists("c_db2"), s.catalog().databaseExists("c_db_missing"));
    }).cleanup("DROP DATABASE IF EXISTS c_db2 CASCADE");
    add(all, "catalog.setCurrentDatabase", s -> {
      s.sql("CREATE DATABASE c_db3");
      s.catalog().setCurrentDatabase("c_db3");
      seed(s, "t_in_db3");
      return List.of(s.catalog().currentDatabase(), s.catalog().tableExists("c_db3", "t_in_db3"),
          s.table("c_db3.t_in_db3").count());
    }).cleanup("DROP DATABASE IF EXISTS c_db3 CASCADE");
    add(all, "catalog.setCurrentDatabaseMissing", s -> {
      s.catalog().setCurrentDatabase("c_db_never");
      return 0L;
    }).error("SCHEMA_NOT_FOUND");
    add(all, "catalog.createDatabaseTwice", s -> {
      s.sql("CREATE DATABASE c_db4");
      s.sql("CREATE DATABASE c_db4");
      return 0L;
    }).error("SCHEMA_ALREADY_EXISTS").cleanup("DROP DATABASE IF EXISTS c_db4 CASCADE");
    add(all, "catalog.tempViewQueriedBySql", s -> {
      Data.people(s).createOrReplaceTempView("c_people");
      return s.sql("SELECT name FROM c_people WHERE id = 2");
    });
    add(all, "catalog.dropTable", s -> {
      seed(s, "c_drop");
      s.sql("DROP TABLE c_drop");
      return s.catalog().tableExists("c_drop");
    }).cleanup("DROP TABLE IF EXISTS c_drop");
  }
}
