package dev.declaude.processor;

import dev.declaude.internal.rules.TypeShape;
import dev.declaude.internal.rules.TypeShape.Form;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/**
 * Reads a {@link TypeShape} from a {@link TypeMirror}, as core's reflective reader does from a
 * type.
 */
final class ElementTypes {
  private ElementTypes() {}

  static TypeShape shape(TypeMirror t) {
    if (t.getKind().isPrimitive()) {
      return TypeShape.of(t.toString(), Form.PRIMITIVE);
    }
    switch (t.getKind()) {
      case VOID:
        return TypeShape.of("void", Form.VOID);
      case ARRAY:
        TypeShape component = shape(((ArrayType) t).getComponentType());
        return new TypeShape(component.name() + "[]", Form.ARRAY, false, false, List.of(component));
      case TYPEVAR:
        return TypeShape.of(t.toString(), Form.TYPE_VARIABLE);
      case WILDCARD:
        return wildcard((WildcardType) t);
      case DECLARED:
        return declared((DeclaredType) t);
      default:
        return TypeShape.of(t.toString(), Form.ERROR);
    }
  }

  private static TypeShape wildcard(WildcardType w) {
    if (w.getSuperBound() != null) {
      return new TypeShape(
          "? super", Form.WILDCARD, false, false, List.of(shape(w.getSuperBound())));
    }
    if (w.getExtendsBound() != null && !w.getExtendsBound().toString().equals("java.lang.Object")) {
      return new TypeShape(
          "? extends", Form.WILDCARD, false, false, List.of(shape(w.getExtendsBound())));
    }
    return TypeShape.of("?", Form.WILDCARD);
  }

  private static TypeShape declared(DeclaredType d) {
    TypeElement te = (TypeElement) d.asElement();
    List<TypeShape> args = new ArrayList<>();
    for (TypeMirror a : d.getTypeArguments()) {
      args.add(shape(a));
    }
    boolean raw = args.isEmpty() && !te.getTypeParameters().isEmpty();
    return new TypeShape(
        te.getQualifiedName().toString(), form(te), hasPublicNoArgConstructor(te), raw, args);
  }

  private static Form form(TypeElement te) {
    ElementKind kind = te.getKind();
    if (kind == ElementKind.INTERFACE || kind == ElementKind.ANNOTATION_TYPE) {
      return Form.INTERFACE;
    }
    if (kind == ElementKind.ENUM) {
      return Form.ENUM;
    }
    if (kind == ElementKind.RECORD) {
      return Form.RECORD;
    }
    if (te.getModifiers().contains(Modifier.ABSTRACT)) {
      return Form.ABSTRACT_CLASS;
    }
    NestingKind nesting = te.getNestingKind();
    boolean inner = nesting == NestingKind.MEMBER && !te.getModifiers().contains(Modifier.STATIC);
    return inner || nesting == NestingKind.LOCAL || nesting == NestingKind.ANONYMOUS
        ? Form.INNER_CLASS
        : Form.CLASS;
  }

  private static boolean hasPublicNoArgConstructor(TypeElement te) {
    for (ExecutableElement c : ElementFilter.constructorsIn(te.getEnclosedElements())) {
      if (c.getParameters().isEmpty() && c.getModifiers().contains(Modifier.PUBLIC)) {
        return true;
      }
    }
    return false;
  }
}
