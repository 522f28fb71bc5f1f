/** Internal (not exported): machinery behind the session that other modules' tests (jcstress) exercise. */
package dev.confine.mockspark.internal;
