package dev.declaude.processor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads the class files of an in-memory compilation, so reflection sees exactly what javac saw. */
final class MemoryClassLoader extends ClassLoader {
  private final Map<String, byte[]> classes = new HashMap<>();

  MemoryClassLoader(Iterable<JavaFileObject> generated) {
    super(MemoryClassLoader.class.getClassLoader());
    for (JavaFileObject f : generated) {
      if (f.getKind() != JavaFileObject.Kind.CLASS) {
        continue;
      }
      String path = f.toUri().getPath();
      String binary =
          path.substring(
              path.indexOf("CLASS_OUTPUT/") + "CLASS_OUTPUT/".length(), path.length() - 6);
      try (InputStream in = f.openInputStream()) {
        classes.put(binary.replace('/', '.'), in.readAllBytes());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }
}
