package io.parley.backends;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

  @TempDir
  Path dataDirectory;

  @Test
  void createsATopicOnFirstUseWithTheConfiguredNumberOfPartitions() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDirectory, "127.0.0.1", 0, 0, 3)) {
      KafkaProbe probe = new KafkaProbe(kafka.bootstrapServers());

      probe.send("created-on-first-use", "key", "value");

      assertThat(probe.partitionsOf("created-on-first-use")).isEqualTo(3);
    }
  }

  @Test
  void aBrokerThatAsksToHaltTheJvmIsRestartedAndTheJvmLivesOn() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDirectory, "127.0.0.1", 0, 0, 1)) {
      new KafkaProbe(kafka.bootstrapServers()).send("before-the-halt", "key", "value");

      // What Kafka calls when every log directory failed (as when the process ran out of descriptors).
      org.apache.kafka.common.utils.Exit.halt(1, "Shutdown broker because all log dirs have failed");

      long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
      while (kafka.restarts() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(kafka.restarts()).as("restarted in place").isEqualTo(1);
      KafkaProbe probe = new KafkaProbe(kafka.bootstrapServers());
      probe.send("after-the-halt", "key", "value");
      assertThat(probe.partitionsOf("before-the-halt")).as("its log kept").isEqualTo(1);
    }
  }
}
