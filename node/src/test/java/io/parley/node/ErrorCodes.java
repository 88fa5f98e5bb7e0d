package io.parley.node;

import io.parley.shared.error.ErrorCode;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every stable error code Parley defines: the {@code ErrorCode} constants of every
 * {@code *Errors} class in {@code io.parley.shared.error}, found on the class path (so a domain's
 * new codes count without a change here).
 */
final class ErrorCodes {

  private static final String PACKAGE = "io/parley/shared/error/";

  private ErrorCodes() {
  }

  static Set<String> all() {
    Set<String> codes = new HashSet<>();
    for (String className : errorClasses()) {
      try {
        for (Field field : Class.forName(className).getFields()) {
          if (Modifier.isStatic(field.getModifiers()) && field.getType() == ErrorCode.class) {
            codes.add(((ErrorCode) field.get(null)).code());
          }
        }
      } catch (ReflectiveOperationException unreadable) {
        throw new IllegalStateException(unreadable);
      }
    }
    return codes;
  }

  private static List<String> errorClasses() {
    URL anchor = ErrorCode.class.getClassLoader().getResource(PACKAGE + "ErrorCode.class");
    try {
      Stream<String> names;
      if ("jar".equals(anchor.getProtocol())) {
        var jar = ((JarURLConnection) anchor.openConnection()).getJarFile();
        names = jar.stream().map(entry -> entry.getName()).filter(name -> name.startsWith(PACKAGE)).toList().stream();
      } else {
        try (Stream<Path> files = Files.list(Path.of(anchor.toURI()).getParent())) {
          names = files.map(file -> PACKAGE + file.getFileName()).toList().stream();
        }
      }
      return names.filter(name -> name.endsWith("Errors.class") && !name.contains("$"))
        .map(name -> name.replace('/', '.').replace(".class", "")).toList();
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
