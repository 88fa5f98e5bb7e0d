package io.parley.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.shared.config.Config;
import io.parley.shared.config.ConfigKeys;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Moderation as people do it, in real browsers: a member reports a message, a moderator finds it
 * in the admin area's queue with its context and deletes it, and the reporter's and the other
 * member's screens show the tombstone without a reload. A plain member never sees the admin area.
 */
class ModerationInTheBrowserIT {

  private static final String ADMIN_EMAIL = "e2e-admin-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static final BrowserScenario scenario = BrowserScenario.withNode(config -> Config.set(config, ConfigKeys.AUTH_ADMIN_EMAILS, ADMIN_EMAIL));

  @Test
  void aReportedMessageTheModeratorDeletesVanishesFromTheReporterAndTheOtherMember() throws Exception {
    Person alice = scenario.person("Alice").signUp();
    Person bob = scenario.person("Bob").signUp();
    Person moderator = scenario.person("Mod");
    // The configured admin (through the API) makes the moderator, who then signs in.
    JsonObject admin = call("POST", "/api/v1/auth/register", null, new JsonObject().put("email", ADMIN_EMAIL)
      .put("username", "admin_" + UUID.randomUUID().toString().substring(0, 8)).put("password", moderator.password)
      .put("displayName", "Admin"));
    JsonObject made = call("POST", "/api/v1/auth/register", null, new JsonObject().put("email", moderator.username + "@example.org")
      .put("username", moderator.username).put("password", moderator.password).put("displayName", moderator.displayName));
    call("PUT", "/api/v1/admin/users/" + made.getJsonObject("user").getString("id") + "/roles/moderator",
      admin.getString("accessToken"), null);
    moderator.signIn();

    alice.createGroup("Book club", bob);
    bob.openChat("Book club");
    alice.send("Who read chapter three?");
    bob.send("Something rude and hurtful");
    alice.waitForMessages(List.of("Who read chapter three?", "Something rude and hurtful"));
    assertThat(alice.present(".admin-button:not([hidden])")).as("a plain member has no admin area").isFalse();

    alice.report("Something rude and hurtful", "harassment", "Not ok in our club");

    moderator.waitFor(() -> moderator.present(".admin-button:not([hidden])"), "the admin button for the moderator");
    moderator.driver().findElement(By.cssSelector(".admin-button")).click();
    WebElement report = moderator.waitFor(() -> moderator.driver().findElements(By.cssSelector("dialog[open] .report")).stream()
      .filter(item -> item.getText().contains("Something rude and hurtful")).findFirst().orElse(null), "the report in the queue");
    assertThat(report.getText()).contains("Who read chapter three?").contains("harassment").contains("Not ok in our club");
    assertThat(moderator.present("dialog[open] .tab-settings")).as("settings are for admins").isFalse();
    report.findElement(By.cssSelector(".decision-reason")).sendKeys("Harassment is not allowed");
    report.findElement(By.cssSelector(".decide-delete_message")).click();
    moderator.waitFor(() -> moderator.driver().findElements(By.cssSelector("dialog[open] .report")).stream()
      .noneMatch(item -> item.getText().contains("Something rude and hurtful")), "the report gone from the queue");

    for (Person member : List.of(alice, bob)) {
      member.waitForMessages(List.of("Who read chapter three?"));
      member.waitFor(() -> member.present(".msg.deleted .deleted-text"), "the tombstone on " + member.displayName + "'s screen");
    }
    alice.screenshot("moderation-reporter-after");
  }

  private static JsonObject call(String method, String path, String token, JsonObject body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scenario.baseUrl() + path))
      .header("Content-Type", "application/json")
      .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
    return response.body().isEmpty() ? new JsonObject() : new JsonObject(response.body());
  }
}
