/**
 * AspectJ aspects that give any woven method annotated {@link dev.declaude.annotation.RetryOn}
 * declaude's retry and error translation: {@link dev.declaude.aspects.RetryAspect} (outermost, one
 * retry loop per call) and {@link dev.declaude.aspects.ErrorTranslationAspect} (inside each
 * attempt). Weave them at compile time (aspectj-maven-plugin, {@code <aspectLibraries>}) or at load
 * time ({@code -javaagent:aspectjweaver.jar}; this jar's {@code META-INF/aop.xml} declares both
 * aspects, the application's own {@code aop.xml} says which of its packages to weave).
 */
package dev.declaude.aspects;
