package dev.declaude.internal.rules;

/** A location at run time: the method and the annotation attribute, in words. */
final class ReflectiveLocation implements Location {
  private final String text;

  ReflectiveLocation(String text) {
    this.text = text;
  }

  @Override
  public String describe() {
    return text;
  }

  @Override
  public String toString() {
    return text;
  }
}
