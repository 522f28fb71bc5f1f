package dev.confine.mockspark.sql;

/** Writer modes, as in Spark. */
public enum SaveMode { Append, Overwrite, ErrorIfExists, Ignore }
