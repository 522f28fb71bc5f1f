package dev.confine.graphistry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One client's token and organization, swapped as one immutable value so no request can pair one
 * tenant's org with another token. {@code toString} never shows the token.
 */
record Session(String jwt, String org, String username, long expSeconds, long origIatSeconds) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Session of(String jwt, String org) {
    String[] parts = jwt.split("\\.");
    if (parts.length != 3) {
      throw new GraphistryException("the server's token is not a JWT (expected 3 dot-separated parts)");
    }
    try {
      JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      long exp = claims.path("exp").asLong(Long.MAX_VALUE / 2);
      long orig = claims.has("orig_iat") ? claims.path("orig_iat").asLong() : claims.path("iat").asLong(0);
      return new Session(jwt, org, claims.path("username").asText(""), exp, orig);
    } catch (IOException | IllegalArgumentException e) {
      throw new GraphistryException("cannot read the claims of the server's token: " + e.getClass().getSimpleName(), e);
    }
  }

  Session withOrg(String newOrg) {
    return new Session(jwt, newOrg, username, expSeconds, origIatSeconds);
  }

  @Override
  public String toString() {
    return "Session[user=" + username + ", org=" + org + ", exp=" + expSeconds + ", jwt=<redacted>]";
  }
}
