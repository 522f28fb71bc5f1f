package dev.confine.mockspark.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conformance comparison itself: it must notice every kind of difference and forgive only row order and float noise. */
class ResultComparisonTest {
  private static final CaseSpec UNORDERED = new CaseSpec("t.unordered", false, null, null, null, null);
  private static final CaseSpec ORDERED = new CaseSpec("t.ordered", true, null, null, null, null);

  private static NeutralResult frame(List<String> types, List<List<Object>> rows) {
    return new NeutralResult(List.of("a", "b"), types, rows, null, null, null);
  }

  private static List<Object> row(Object a, Object b) {
    return Arrays.asList(a, b);
  }

  private static final List<String> TYPES = List.of("int", "double");

  @Test
  void sameRowsInAnotherOrder_matchUnlessOrdered() {
    NeutralResult x = frame(TYPES, List.of(row(1L, 1.0), row(2L, null), row(null, 3.0)));
    NeutralResult y = frame(TYPES, List.of(row(null, 3.0), row(2L, null), row(1L, 1.0)));
    assertNull(ConformanceTest.mismatch(UNORDERED, x, y));
    assertNotNull(ConformanceTest.mismatch(ORDERED, x, y));
  }

  @Test
  void doubles_withinRelativeTolerance_match_beyondDoNot() {
    NeutralResult x = frame(TYPES, List.of(row(1L, 1000.0)));
    assertNull(ConformanceTest.mismatch(ORDERED, x, frame(TYPES, List.of(row(1L, 1000.0 + 1e-7)))));
    assertNotNull(ConformanceTest.mismatch(ORDERED, x, frame(TYPES, List.of(row(1L, 1000.001)))));
  }

  @Test
  void typeNameCountAndValueDifferences_areReported() {
    NeutralResult x = frame(TYPES, List.of(row(1L, 1.0)));
    assertEquals("column types differ", ConformanceTest.mismatch(ORDERED, x, frame(List.of("bigint", "double"), x.rows())));
    assertEquals("column names differ", ConformanceTest.mismatch(ORDERED, x,
        new NeutralResult(List.of("a", "c"), TYPES, x.rows(), null, null, null)));
    assertEquals("row count differs", ConformanceTest.mismatch(ORDERED, x, frame(TYPES, List.of())));
    assertNotNull(ConformanceTest.mismatch(ORDERED, x, frame(TYPES, List.of(row(1L, null)))));
    assertNotNull(ConformanceTest.mismatch(ORDERED, x, frame(TYPES, List.of(row("1", 1.0)))));
  }

  @Test
  void errors_compareByClass_andRequireSparksSuggestion() {
    NeutralResult spark = new NeutralResult(List.of(), List.of(), List.of(), "UNRESOLVED_COLUMN.WITH_SUGGESTION",
        "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column ... `nmae` cannot be resolved. Did you mean one of the following? [`name`, `age`].",
        null);
    NeutralResult withSuggestion = new NeutralResult(List.of(), List.of(), List.of(), "UNRESOLVED_COLUMN.WITH_SUGGESTION",
        "column nmae not found; did you mean name?", null);
    NeutralResult without = new NeutralResult(List.of(), List.of(), List.of(), "UNRESOLVED_COLUMN.WITH_SUGGESTION",
        "column nmae not found", null);
    NeutralResult otherClass = new NeutralResult(List.of(), List.of(), List.of(), "TABLE_OR_VIEW_NOT_FOUND", "x", null);
    assertEquals("name", ConformanceTest.firstSuggestion(spark.errorMessage()));
    assertNull(ConformanceTest.mismatch(ORDERED, spark, withSuggestion));
    assertNotNull(ConformanceTest.mismatch(ORDERED, spark, without));
    assertEquals("error class differs", ConformanceTest.mismatch(ORDERED, spark, otherClass));
    assertEquals("error class differs", ConformanceTest.mismatch(ORDERED, spark, frame(TYPES, List.of())));
  }

  @Test
  void onlyFilter_selectsByTopicWholeNameOrDottedPrefix() {
    assertEquals(true, ConformanceTest.selected("join.using.inner", "join"));
    assertEquals(false, ConformanceTest.selected("joinx.a", "join"));
    assertEquals(true, ConformanceTest.selected("join.using.inner", "join.using.inner"));
    assertEquals(false, ConformanceTest.selected("join.using.inner", "join.using"));
    assertEquals(true, ConformanceTest.selected("join.using.inner", "join.using."));
    assertEquals(false, ConformanceTest.selected("sql.cte", "join"));
  }
}
