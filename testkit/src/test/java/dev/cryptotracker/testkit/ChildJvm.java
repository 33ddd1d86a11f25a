package dev.cryptotracker.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** Runs a main class in a JVM of its own, on this JVM's classpath or a filtered one, and returns what it printed. */
final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Runs {@code main} to its end.
     *
     * @param main        the class whose {@code main} runs
     * @param jvmArgs     options such as {@code -Dtestkit.provider=docker}
     * @param args        the arguments of {@code main}
     * @param environment variables added to this JVM's environment
     * @param onClasspath which of this JVM's classpath entries the child gets
     * @return standard output and standard error, interleaved
     */
    static String run(Class<?> main, List<String> jvmArgs, List<String> args, Map<String, String> environment,
                      Predicate<String> onClasspath) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        String classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(onClasspath).collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classpath, main.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process child = builder.start();
        byte[] output = child.getInputStream().readAllBytes();
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child JVM ended").isTrue();
        return new String(output, StandardCharsets.UTF_8);
    }

    /** This JVM's {@code testkit.*} system properties as options, so that a child uses the same provider. */
    static List<String> testkitProperties() {
        return System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("testkit."))
                .sorted().map(key -> "-D" + key + "=" + System.getProperty(key)).toList();
    }

    static String run(Class<?> main, List<String> jvmArgs, Map<String, String> environment) throws Exception {
        return run(main, jvmArgs, List.of(), environment, entry -> true);
    }

    /** Runs {@link EngineProbe} on these {@code @Testkit} classes, with this JVM's provider and one setting more. */
    static String probe(String setting, Map<String, String> environment, Class<?>... classes) throws Exception {
        String key = setting.substring(0, setting.indexOf('=') + 1);
        List<String> jvmArgs = new ArrayList<>(testkitProperties().stream().filter(arg -> !arg.startsWith(key))
                .toList());
        jvmArgs.add(setting);
        return run(EngineProbe.class, jvmArgs, Arrays.stream(classes).map(Class::getName).toList(), environment,
                entry -> true);
    }
}
