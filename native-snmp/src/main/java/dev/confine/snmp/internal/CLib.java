package dev.confine.snmp.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls init needs: the environment Net-SNMP reads, and the locale it changes. */
interface CLib extends Library {
  CLib INSTANCE = Native.load("c", CLib.class);

  int LC_CTYPE = 0; // glibc

  String getenv(String name);

  int setenv(String name, String value, int overwrite);

  int unsetenv(String name);

  String setlocale(int category, String locale);
}
