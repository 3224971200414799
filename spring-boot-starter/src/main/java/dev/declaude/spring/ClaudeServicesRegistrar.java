package dev.declaude.spring;

import dev.declaude.ClaudeClient;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.ResourceLoaderAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * Registers a bean per {@code @ClaudePrompt} interface that an {@link EnableClaudeServices} names
 * or whose packages it scans. Each bean's instance comes from the client bean's {@code
 * create(...)}, after {@link StackedRetryCheck} has looked at the interface.
 */
final class ClaudeServicesRegistrar
    implements ImportBeanDefinitionRegistrar,
        EnvironmentAware,
        ResourceLoaderAware,
        BeanFactoryAware,
        BeanClassLoaderAware {
  private Environment environment;
  private ResourceLoader resourceLoader;
  private BeanFactory beanFactory;
  private ClassLoader classLoader;

  @Override
  public void setEnvironment(Environment environment) {
    this.environment = environment;
  }

  @Override
  public void setResourceLoader(ResourceLoader resourceLoader) {
    this.resourceLoader = resourceLoader;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  @Override
  public void setBeanClassLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    AnnotationAttributes enable =
        AnnotationAttributes.fromMap(
            metadata.getAnnotationAttributes(EnableClaudeServices.class.getName()));
    String client = enable.getString("client");
    for (String type : serviceTypes(metadata, enable)) {
      if (!registry.containsBeanDefinition(type)) {
        RootBeanDefinition service = new RootBeanDefinition();
        service.setBeanClassName(type);
        service.setInstanceSupplier(() -> create(type, client));
        registry.registerBeanDefinition(type, service);
      }
    }
  }

  private Set<String> serviceTypes(AnnotationMetadata metadata, AnnotationAttributes enable) {
    Set<String> types = new LinkedHashSet<>();
    for (Class<?> type : enable.getClassArray("types")) {
      if (!type.isInterface()) {
        throw new IllegalArgumentException(
            "@EnableClaudeServices(types = "
                + type.getName()
                + ".class) on "
                + metadata.getClassName()
                + " names a class; list only interfaces with @ClaudePrompt methods");
      }
      types.add(type.getName());
    }
    Set<String> packages = new LinkedHashSet<>(List.of(enable.getStringArray("basePackages")));
    for (Class<?> c : enable.getClassArray("basePackageClasses")) {
      packages.add(c.getPackageName());
    }
    if (packages.isEmpty() && types.isEmpty()) {
      packages.add(ClassUtils.getPackageName(metadata.getClassName()));
    }
    ClassPathScanningCandidateComponentProvider scanner = new PromptInterfaceScanner();
    scanner.setEnvironment(environment);
    scanner.setResourceLoader(resourceLoader);
    for (String p : packages) {
      scanner.findCandidateComponents(p).stream()
          .map(BeanDefinition::getBeanClassName)
          .forEach(types::add);
    }
    return types;
  }

  private Object create(String typeName, String clientName) {
    Class<?> type = ClassUtils.resolveClassName(typeName, classLoader);
    StackedRetryCheck.warn(type);
    ClaudeClient client =
        clientName.isEmpty()
            ? beanFactory.getBean(ClaudeClient.class)
            : beanFactory.getBean(clientName, ClaudeClient.class);
    return client.create(type);
  }

  /**
   * Finds the interfaces that declare a {@code @ClaudePrompt} method, without loading any class.
   */
  private static final class PromptInterfaceScanner
      extends ClassPathScanningCandidateComponentProvider {
    PromptInterfaceScanner() {
      super(false);
      addIncludeFilter(
          (reader, factory) ->
              reader.getClassMetadata().isInterface()
                  && reader
                      .getAnnotationMetadata()
                      .hasAnnotatedMethods("dev.declaude.annotation.ClaudePrompt"));
    }

    @Override
    protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
      AnnotationMetadata m = definition.getMetadata();
      // The default accepts only concrete classes; services are interfaces (and never annotations).
      return m.isInterface() && m.isIndependent() && !m.isAnnotation();
    }
  }
}
