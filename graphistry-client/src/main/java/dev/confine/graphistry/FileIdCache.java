package dev.confine.graphistry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the server-side file id of each table uploaded through the Files API, so plotting the
 * same table again under the same tenant names the existing file instead of uploading it again.
 *
 * <p>The key is (server, account, org, content hash): a file id is a server-side object owned by one
 * account in one org, so an entry is only ever found by that same tenant. Two tenants that plot
 * byte-identical tables each upload their own file (the Python client keys its cache by content
 * alone and lets one tenant reuse another's upload; this is the fix).
 *
 * <p><b>Concurrency:</b> thread-safe; every method holds this object's monitor for a map operation
 * only (no I/O under it). Bounded: at most {@code capacity} entries, the least recently used one is
 * dropped first. Losing an entry costs one upload, never a wrong answer.
 */
final class FileIdCache {
  /** Who owns a server-side file and which bytes it holds. */
  record Key(String server, String account, String org, String contentSha256) {
    Key {
      Objects.requireNonNull(server, "server");
      Objects.requireNonNull(account, "account");
      Objects.requireNonNull(org, "org");
      Objects.requireNonNull(contentSha256, "contentSha256");
    }
  }

  private final int capacity;

  /** Access-ordered, so the eldest entry is the least recently used. Guarded by {@code this}. */
  private final LinkedHashMap<Key, String> ids;

  FileIdCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "file id cache capacity must be positive: %d", capacity));
    }
    this.capacity = capacity;
    this.ids = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
        return size() > FileIdCache.this.capacity;
      }
    };
  }

  /** The file id uploaded for {@code key}, or null. */
  synchronized String get(Key key) {
    return ids.get(key);
  }

  synchronized void put(Key key, String fileId) {
    ids.put(key, Objects.requireNonNull(fileId, "fileId"));
  }

  /** Drops {@code key} if it still maps to {@code fileId} (the server no longer has that file). */
  synchronized void invalidate(Key key, String fileId) {
    ids.remove(key, fileId);
  }

  synchronized int size() {
    return ids.size();
  }

  int capacity() {
    return capacity;
  }
}
