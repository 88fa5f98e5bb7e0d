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
}
