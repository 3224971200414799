package dev.declaude.internal.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.declaude.service.GeneratedService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceClassesTest {
  interface Greeter {
    String greet(String name);

    int count(int a, long b);

    default String twice(String name) {
      return greet(name) + greet(name);
    }
  }

  @Test
  void abstractMethodsDispatchToTheirInvokersWithTheirArguments() {
    List<String> calls = new ArrayList<>();
    MethodInvoker count = args -> 42;
    MethodInvoker greet =
        args -> {
          calls.add(Arrays.toString(args));
          return "hi " + args[0];
        };
    Greeter g =
        ServiceClasses.instantiate(
            Greeter.class,
            new ServiceDispatcher(Greeter.class, new MethodInvoker[] {count, greet}));

    assertEquals("hi bob", g.greet("bob"));
    assertEquals(42, g.count(1, 2L));
    assertEquals("hi aahi aa", g.twice("aa"));
    assertEquals(List.of("[bob]", "[aa]", "[aa]"), calls);
  }

  @Test
  void oneClassPerInterfaceAndIdentitySemantics() {
    var d = new ServiceDispatcher(Greeter.class, new MethodInvoker[] {a -> 0, a -> ""});
    Greeter a = ServiceClasses.instantiate(Greeter.class, d);
    Greeter b = ServiceClasses.instantiate(Greeter.class, d);

    assertSame(a.getClass(), b.getClass());
    assertTrue(a instanceof GeneratedService);
    assertEquals(a, a);
    assertNotEquals(a, b);
    assertEquals(System.identityHashCode(a), a.hashCode());
    assertEquals("Greeter[declaude service]", a.toString());
  }
}
