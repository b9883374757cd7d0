// A real Neo4j 5.26 server for tests and CI, without Docker: the neo4j-harness, kept running until SIGTERM.
// Started by scripts/neo4j-dev as a single-file source program: java -cp "$(cat .neo4j/classpath.txt)" Neo4jDev.java
// Auth is disabled (harness default): any user/password is accepted. Listens on 127.0.0.1 only.
// Env: NEO4J_BOLT_PORT (7687), NEO4J_HTTP_PORT (7474), NEO4J_DEV_PAGECACHE (256m),
//      NEO4J_DEV_DATA (.neo4j/data), NEO4J_DEV_READY (.neo4j/ready: written once the server answers).
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.io.ByteUnit;
import org.neo4j.server.configuration.ServerSettings;

public class Neo4jDev {
    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    public static void main(String[] args) throws Exception {
        int bolt = Integer.parseInt(env("NEO4J_BOLT_PORT", "7687"));
        int http = Integer.parseInt(env("NEO4J_HTTP_PORT", "7474"));
        Path data = Path.of(env("NEO4J_DEV_DATA", ".neo4j/data")).toAbsolutePath();
        Path ready = Path.of(env("NEO4J_DEV_READY", ".neo4j/ready")).toAbsolutePath();
        Files.createDirectories(data);
        // The harness makes a fresh random sub-folder of `data` and deletes it on close(): every start is an empty database.
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(data)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", bolt))
                .withConfig(HttpConnector.enabled, true)
                .withConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", http))
                .withConfig(GraphDatabaseSettings.default_advertised_address, new SocketAddress("127.0.0.1"))
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(env("NEO4J_DEV_PAGECACHE", "256m")))
                .withConfig(GraphDatabaseSettings.udc_enabled, false) // no usage reports from CI
                .withConfig(ServerSettings.allow_telemetry, false)
                // Bolt waits 5 s per pool on shutdown by default (12 s in all); 1 s gives a 4 s stop and one harmless WARN.
                .withConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
                .withConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
                .build(); // returns once Bolt and HTTP are listening
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> { // SIGTERM / SIGINT
            System.out.println("neo4j-dev: shutting down");
            try { neo4j.close(); } finally { stopped.countDown(); }
            try { Files.deleteIfExists(ready); } catch (Exception ignored) { }
            System.out.println("neo4j-dev: stopped");
        }));
        // Atomic write (temp file + rename): the shell script polls for this file.
        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.writeString(tmp, "pid=" + ProcessHandle.current().pid() + "\nbolt=" + neo4j.boltURI()
                + "\nhttp=" + neo4j.httpURI() + "\n");
        Files.move(tmp, ready, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("neo4j-dev: ready, bolt " + neo4j.boltURI() + ", http " + neo4j.httpURI());
        stopped.await();
    }
}
