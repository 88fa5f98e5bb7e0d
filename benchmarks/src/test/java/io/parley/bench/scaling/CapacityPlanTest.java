package io.parley.bench.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.bench.Results;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity plan: the document holds what it prints, and a figure never measured is never made up. */
class CapacityPlanTest {

  @Test
  void scalingMdHoldsExactlyTheTableThePlanPrintsForTheCommittedResults() throws Exception {
    Path document = Files.isRegularFile(Path.of("docs", "SCALING.md")) ? Path.of("docs", "SCALING.md") : Path.of("..", "docs", "SCALING.md");
    String printed = CapacityPlan.markdown(Workload.tenMillionUsers(), Hardware.typical(), Measured.read(Results.directory()));

    assertThat(CapacityPlan.generatedPart(Files.readString(document)))
      .as("docs/SCALING.md's table: regenerate it with CapacityPlan --markdown after a benchmark run")
      .isEqualTo(printed);
  }

  @Test
  void aResultThatIsAbsentShowsAsMissingAndSizesNothing(@TempDir Path results) throws Exception {
    Files.copy(Results.directory().resolve("durable-sends.json"), results.resolve("durable-sends.json"));

    Measured measured = Measured.read(results);
    Plan plan = Plan.of(Workload.tenMillionUsers(), Hardware.typical(), measured);

    assertThat(measured.heapBytesPerConnection().known()).isFalse();
    assertThat(measured.deliveriesPerCoreSecond().known()).isFalse();
    assertThat(plan.rows()).filteredOn(row -> row.component().equals("gateway nodes") && row.sizedBy().startsWith("memory"))
      .singleElement().satisfies(row -> assertThat(row.sized()).isFalse());
    assertThat(plan.rows()).filteredOn(row -> row.component().equals("chat nodes")).singleElement()
      .satisfies(row -> assertThat(row.instances()).isPositive());
    assertThat(plan.firstToSaturate()).contains("Not ranked, for a missing figure");
  }

  @Test
  void tenTimesTheMessagesNeedMoreChatNodes() throws Exception {
    Measured measured = Measured.read(Results.directory());
    Workload base = Workload.tenMillionUsers();
    Workload busier = new Workload(base.registeredUsers(), base.concurrentUsers(), base.devicesPerOnlineUser(),
      base.sendsPerUserPerDay() * 10, base.peakFactor(), base.averageChatSize(), base.otherChatEventsPerSend(),
      base.recipientsOnlineShare(), base.presenceChangesPerOnlineUserPerHour(), base.reconnectsPerDevicePerHour(),
      base.gatewayLossReconnectSeconds());

    assertThat(chatNodes(Plan.of(busier, Hardware.typical(), measured))).isGreaterThan(chatNodes(Plan.of(base, Hardware.typical(), measured)));
  }

  @Test
  void theStepUsedIsTheHighestRateTheServerKeptUpWith() {
    JsonObject result = new JsonObject().put("steps", new JsonArray()
      .add(new JsonObject().put("rate", 500).put("achievedPerSecond", 499))
      .add(new JsonObject().put("rate", 1000).put("achievedPerSecond", 960))
      .add(new JsonObject().put("rate", 2000).put("achievedPerSecond", 1100)));

    assertThat(Measured.chosenStep(result, "rate").getInteger("rate")).isEqualTo(1000);
  }

  @Test
  void deliveriesComeFromParleysDearestStepThatKeptUp(@TempDir Path results) throws Exception {
    JsonObject parley = new JsonObject().put("server", "parley").put("layouts", new JsonArray()
      .add(new JsonObject().put("steps", new JsonArray()
        .add(new JsonObject().put("deliveriesPerServerCpuSecond", 30_000.0).put("saturated", false))
        .add(new JsonObject().put("deliveriesPerServerCpuSecond", 9_000.0).put("saturated", true))))
      .add(new JsonObject().put("steps", new JsonArray()
        .add(new JsonObject().put("deliveriesPerServerCpuSecond", 12_000.0).put("saturated", false)))));
    JsonObject baseline = new JsonObject().put("server", "baseline")
      .put("steps", new JsonArray().add(new JsonObject().put("deliveriesPerServerCpuSecond", 1_000.0).put("saturated", false)));
    Files.writeString(results.resolve("fan-out.json"), new JsonObject().put("scenario", "fan-out")
      .put("servers", new JsonArray().add(parley).add(baseline)).encode());

    assertThat(Measured.read(results).deliveriesPerCoreSecond().value()).isEqualTo(12_000.0);
  }

  private static int chatNodes(Plan plan) {
    return plan.rows().stream().filter(row -> row.component().equals("chat nodes")).findFirst().orElseThrow().instances();
  }
}
