package io.parley.node.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Reading the deployment files: every YAML document, as maps and lists, with small typed accessors. */
final class YamlFiles {

  private YamlFiles() {
  }

  /** Every document of one file (several for {@code ---}-separated manifests). */
  static List<Map<String, Object>> documents(Path file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    List<Map<String, Object>> documents = new ArrayList<>();
    try {
      for (Object document : new Yaml(options).loadAll(Files.readString(file))) {
        if (document != null) {
          documents.add(map(document, file.toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  static List<Path> files(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(file -> file.toString().endsWith(".yaml") || file.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value, String what) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new AssertionError(what + " is not a mapping: " + value);
    }
    return (Map<String, Object>) map;
  }

  /** The mapping at a path of keys, or an empty one. */
  static Map<String, Object> at(Map<String, Object> root, String... path) {
    Object value = root;
    for (String key : path) {
      value = value instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return value == null ? Map.of() : map(value, String.join(".", path));
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Map<String, Object> root, String... path) {
    Object value = root;
    for (String key : path) {
      value = value instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return value instanceof List<?> items ? (List<Object>) items : List.of();
  }

  static String string(Map<String, Object> root, String... path) {
    Object value = root;
    for (String key : path) {
      value = value instanceof Map<?, ?> map ? map.get(key) : null;
    }
    return value == null ? null : String.valueOf(value);
  }

  static List<Map<String, Object>> maps(List<Object> items) {
    return items.stream().map(item -> map(item, "item")).toList();
  }
}
