package org.portail211.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.transport.Netty4Plugin;

/**
 * One OpenSearch 2.19 node started from plain jars: the server plus the HTTP transport and the
 * common analysis plugin (elision, stemmers, asciifolding, synonym_graph). Settings come from
 * system properties prefixed "p211." (e.g. -Dp211.http.port=9200; not "os.", which the JVM
 * uses for os.name and os.version), so scripts/opensearch.sh decides
 * ports, paths and discovery. Starting Node directly skips Bootstrap: no security manager and no
 * bootstrap checks, which is right for a loopback test node and wrong for production (see
 * docs/opensearch.md).
 */
public final class LocalNode extends Node {

    private static final String PREFIX = "p211.";

    private LocalNode(Environment environment) {
        super(environment, List.of(Netty4Plugin.class, CommonAnalysisPlugin.class), true);
    }

    public static void main(String[] args) throws Exception {
        Settings.Builder builder = Settings.builder();
        System.getProperties().forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith(PREFIX)) {
                builder.put(name.substring(PREFIX.length()), value.toString());
            }
        });
        Settings settings = builder.build();
        String nodeName = settings.get("node.name", "node-1");
        Path config = Path.of(settings.get("path.home")).resolve("config");
        Environment environment = InternalSettingsPreparer.prepareEnvironment(
                settings, Map.of(), config, () -> nodeName);
        LocalNode node = new LocalNode(environment);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception error) {
                error.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        node.start();
        stopped.await();
    }
}
