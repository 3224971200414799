package dev.declaude.processor;

import dev.declaude.internal.rules.Location;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * A location at compile time: what {@code Messager.printMessage} needs to put the caret on the
 * token. With a value, javac points at the value (one array element, if that is what it is); with
 * only a mirror, at the annotation's {@code @}; with only the element, at its name.
 */
final class ElementLocation implements Location {
  final Element element;
  final AnnotationMirror mirror;
  final AnnotationValue value;

  ElementLocation(Element element, AnnotationMirror mirror, AnnotationValue value) {
    this.element = element;
    this.mirror = mirror;
    this.value = value;
  }

  static ElementLocation of(Element element) {
    return new ElementLocation(element, null, null);
  }

  @Override
  public String describe() {
    return element.getSimpleName()
        + (mirror == null ? "" : " " + mirror)
        + (value == null ? "" : " " + value);
  }
}
