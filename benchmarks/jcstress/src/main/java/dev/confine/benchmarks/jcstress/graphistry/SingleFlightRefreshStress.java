package dev.confine.benchmarks.jcstress.graphistry;

import dev.confine.graphistry.GraphistryClient;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * The race: two threads find the client's token near expiry at the same moment and both ask for a
 * fresh one. Renewal is single flight: exactly one refresh request reaches the server, the other
 * thread uses its result. The transport is an in-memory {@link HttpClient} that counts refresh calls
 * (a real socket per iteration would drown the race in I/O).
 *
 * <p>Rerun: {@code ./mvnw -B -q -pl benchmarks/jcstress -am package -DskipTests && java -jar
 * benchmarks/jcstress/target/jcstress.jar -m quick -jvmArgs -XX:+UseParallelGC -t SingleFlightRefreshStress}
 */
@JCStressTest
@Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "one refresh for two concurrent askers")
@Outcome(expect = Expect.FORBIDDEN, desc = "refreshed zero times or more than once")
@State
public class SingleFlightRefreshStress {
  static final long NOW = 1_700_000_000L;
  static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  static final String STALE = jwt(NOW + 10); // inside the refresh-ahead margin
  static final String FRESH = jwt(NOW + 3600);

  final CountingTransport transport = new CountingTransport();
  final GraphistryClient client = GraphistryClient.newBuilder().server("stress.invalid")
      .httpClient(transport).clock(CLOCK).refreshAhead(Duration.ofMinutes(5)).jwt(STALE).build();

  static String jwt(long exp) {
    Base64.Encoder b = Base64.getUrlEncoder().withoutPadding();
    String claims = "{\"username\":\"u\",\"iat\":" + NOW + ",\"exp\":" + exp + ",\"orig_iat\":" + NOW + "}";
    return b.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
        + b.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".sig";
  }

  @Actor
  public void a() {
    client.ensureLoggedIn();
  }

  @Actor
  public void b() {
    client.ensureLoggedIn();
  }

  @Arbiter
  public void count(I_Result r) {
    r.r1 = transport.refreshes.get();
  }

  /** Answers the refresh route with a fresh token; counts calls. */
  static final class CountingTransport extends HttpClient {
    final AtomicInteger refreshes = new AtomicInteger();

    @Override
    public <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> handler)
        throws IOException {
      if (!req.uri().getPath().equals("/api/v2/auth/token/refresh")) {
        throw new IOException("unexpected request " + req.uri());
      }
      refreshes.incrementAndGet();
      @SuppressWarnings("unchecked")
      T body = (T) ("{\"token\":\"" + FRESH + "\"}");
      return new Response<>(req, body);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest req, HttpResponse.BodyHandler<T> h) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest req, HttpResponse.BodyHandler<T> h,
        HttpResponse.PushPromiseHandler<T> p) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
      return Optional.empty();
    }

    @Override
    public Optional<Duration> connectTimeout() {
      return Optional.empty();
    }

    @Override
    public Redirect followRedirects() {
      return Redirect.NEVER;
    }

    @Override
    public Optional<ProxySelector> proxy() {
      return Optional.empty();
    }

    @Override
    public SSLContext sslContext() {
      return null;
    }

    @Override
    public SSLParameters sslParameters() {
      return null;
    }

    @Override
    public Optional<Authenticator> authenticator() {
      return Optional.empty();
    }

    @Override
    public Version version() {
      return Version.HTTP_1_1;
    }

    @Override
    public Optional<Executor> executor() {
      return Optional.empty();
    }
  }

  record Response<T>(HttpRequest request, T body) implements HttpResponse<T> {
    @Override
    public int statusCode() {
      return 200;
    }

    @Override
    public Optional<HttpResponse<T>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public HttpHeaders headers() {
      return HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (a, b) -> true);
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return request.uri();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
