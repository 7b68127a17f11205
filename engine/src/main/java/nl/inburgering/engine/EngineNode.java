package nl.inburgering.engine;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.http.HttpServerTransport;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;

/**
 * One OpenSearch node in this JVM, for the tests and benchmarks (never for production).
 *
 * <p>Every argument of the form {@code key=value} is an OpenSearch setting and overrides the
 * defaults below; so does every system property {@code engine.setting.KEY}. The node binds only
 * to 127.0.0.1. When HTTP answers it prints one line {@code ENGINE READY http://127.0.0.1:PORT}
 * on standard output. It stops cleanly on SIGTERM, and also when its standard input closes if
 * {@code engine.exit_on_stdin_close=true} (so a test run that dies takes its node with it).
 */
public final class EngineNode {

  /** A Node that accepts plugins found on the classpath (the distribution loads them from disk). */
  static final class ClasspathNode extends Node {
    ClasspathNode(Environment environment, Collection<Class<? extends Plugin>> plugins) {
      super(environment, plugins, true);
    }
  }

  private EngineNode() {}

  static Map<String, String> settingsFrom(String[] args) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("cluster.name", "engine-test");
    values.put("node.name", "engine-1");
    values.put("network.host", "127.0.0.1");
    values.put("http.port", "9200");
    values.put("transport.port", "9300-9400");
    values.put("http.type", "netty4");
    values.put("transport.type", "netty4");
    values.put("discovery.type", "single-node");
    values.put("cluster.routing.allocation.disk.threshold_enabled", "false");
    values.put("logger.level", "WARN");
    for (String name : System.getProperties().stringPropertyNames()) {
      if (name.startsWith("engine.setting.")) {
        values.put(name.substring("engine.setting.".length()), System.getProperty(name));
      }
    }
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("expected key=value, got: " + arg);
      }
      values.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    if (values.containsKey("discovery.seed_hosts")) {
      values.remove("discovery.type");
    }
    if (!values.containsKey("path.home")) {
      values.put("path.home", Files.createTempDirectory("engine-home").toString());
    }
    if (!values.containsKey("path.data")) {
      values.put("path.data", Path.of(values.get("path.home"), "data").toString());
    }
    return values;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> values = settingsFrom(args);
    Settings.Builder builder = Settings.builder();
    values.forEach(builder::put);
    Settings settings = builder.build();
    LogConfigurator.registerErrorListener();
    LogConfigurator.setNodeName(values.get("node.name"));
    LogConfigurator.configureWithoutConfig(settings);

    Path home = Path.of(values.get("path.home"));
    Files.createDirectories(home.resolve("config"));
    Files.createDirectories(home.resolve("plugins"));
    Files.createDirectories(home.resolve("modules"));
    Environment environment =
        InternalSettingsPreparer.prepareEnvironment(
            settings, Map.of(), home.resolve("config"), () -> values.get("node.name"));
    List<Class<? extends Plugin>> plugins =
        Arrays.asList(
            org.opensearch.transport.Netty4Plugin.class,
            org.opensearch.analysis.common.CommonAnalysisPlugin.class);
    Node node = new ClasspathNode(environment, plugins);

    CountDownLatch stopped = new CountDownLatch(1);
    Thread stop =
        new Thread(
            () -> {
              try {
                node.close();
              } catch (IOException e) {
                e.printStackTrace();
              } finally {
                stopped.countDown();
              }
            },
            "engine-stop");
    Runtime.getRuntime().addShutdownHook(stop);

    node.start();
    HttpServerTransport http = node.injector().getInstance(HttpServerTransport.class);
    int port = http.boundAddress().publishAddress().getPort();
    System.out.println("ENGINE READY http://127.0.0.1:" + port);
    System.out.flush();

    if (Boolean.getBoolean("engine.exit_on_stdin_close")) {
      Thread watcher =
          new Thread(
              () -> {
                try {
                  InputStream in = System.in;
                  while (in.read() != -1) {
                    // ignore input; only its end matters
                  }
                } catch (IOException ignored) {
                  // treat as closed
                }
                System.exit(0);
              },
              "engine-stdin");
      watcher.setDaemon(true);
      watcher.start();
    }
    stopped.await();
  }
}
