package dev.declaude.internal.rules;

import dev.declaude.internal.rules.TypeShape.Form;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.List;

/** Reads a {@link TypeShape} from a reflected type. */
final class ReflectiveTypes {
  private ReflectiveTypes() {}

  static String nameOf(Class<?> c) {
    String canonical = c.getCanonicalName();
    return canonical != null ? canonical : c.getName();
  }

  static TypeShape shape(Type t) {
    if (t instanceof Class<?>) {
      Class<?> c = (Class<?>) t;
      return ofClass(c, List.of(), c.getTypeParameters().length > 0);
    }
    if (t instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) t;
      List<TypeShape> args = new ArrayList<>();
      for (Type a : p.getActualTypeArguments()) {
        args.add(shape(a));
      }
      return ofClass((Class<?>) p.getRawType(), args, false);
    }
    if (t instanceof GenericArrayType) {
      TypeShape component = shape(((GenericArrayType) t).getGenericComponentType());
      return new TypeShape(component.name() + "[]", Form.ARRAY, false, false, List.of(component));
    }
    if (t instanceof TypeVariable<?>) {
      return TypeShape.of(((TypeVariable<?>) t).getName(), Form.TYPE_VARIABLE);
    }
    if (t instanceof WildcardType) {
      WildcardType w = (WildcardType) t;
      if (w.getLowerBounds().length > 0) {
        return new TypeShape(
            "? super", Form.WILDCARD, false, false, List.of(shape(w.getLowerBounds()[0])));
      }
      Type upper = w.getUpperBounds()[0];
      return upper == Object.class
          ? TypeShape.of("?", Form.WILDCARD)
          : new TypeShape("? extends", Form.WILDCARD, false, false, List.of(shape(upper)));
    }
    return TypeShape.of(t.getTypeName(), Form.ERROR);
  }

  private static TypeShape ofClass(Class<?> c, List<TypeShape> args, boolean raw) {
    if (c == void.class) {
      return TypeShape.of("void", Form.VOID);
    }
    if (c.isPrimitive()) {
      return TypeShape.of(c.getName(), Form.PRIMITIVE);
    }
    if (c.isArray()) {
      TypeShape component = shape(c.getComponentType());
      return new TypeShape(component.name() + "[]", Form.ARRAY, false, false, List.of(component));
    }
    return new TypeShape(nameOf(c), form(c), hasPublicNoArgConstructor(c), raw, args);
  }

  private static Form form(Class<?> c) {
    if (c.isInterface()) {
      return Form.INTERFACE;
    }
    if (c.isEnum()) {
      return Form.ENUM;
    }
    if (c.isRecord()) {
      return Form.RECORD;
    }
    if (Modifier.isAbstract(c.getModifiers())) {
      return Form.ABSTRACT_CLASS;
    }
    boolean inner = c.isMemberClass() && !Modifier.isStatic(c.getModifiers());
    return inner || c.isLocalClass() || c.isAnonymousClass() ? Form.INNER_CLASS : Form.CLASS;
  }

  private static boolean hasPublicNoArgConstructor(Class<?> c) {
    try {
      c.getConstructor();
      return true;
    } catch (NoSuchMethodException | SecurityException e) {
      return false;
    }
  }
}
