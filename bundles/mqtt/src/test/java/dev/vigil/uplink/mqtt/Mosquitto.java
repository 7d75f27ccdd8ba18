package dev.vigil.uplink.mqtt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The Debian mosquitto binary, started by the test on a free loopback port with its own config. */
final class Mosquitto implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/mosquitto");
    static final Path PASSWD = Path.of("/usr/bin/mosquitto_passwd");

    private final Process process;
    private final int port;
    private final Path log;

    private Mosquitto(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** @param passwordFile a mosquitto_passwd file, or null for anonymous access */
    static Mosquitto start(Path dir, Path passwordFile) throws IOException, InterruptedException {
        return start(dir, passwordFile, "");
    }

    /**
     * @param passwordFile a mosquitto_passwd file, or null for anonymous access
     * @param listenerLines more lines for the listener, e.g. certfile/keyfile for TLS
     */
    static Mosquitto start(Path dir, Path passwordFile, String listenerLines) throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        String auth = passwordFile == null ? "allow_anonymous true\n"
                : "allow_anonymous false\npassword_file " + passwordFile + "\n";
        // run as root, mosquitto would switch to user "mosquitto", which cannot read the test's private temp dir
        String user = "user " + System.getProperty("user.name") + "\n";
        Files.writeString(conf, "listener " + port + " 127.0.0.1\n" + listenerLines + auth + user + "persistence false\n");
        Path log = dir.resolve("mosquitto.log");
        Process p = new ProcessBuilder(BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Mosquitto m = new Mosquitto(p, port, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!m.accepts()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                m.close();
                throw new IOException("mosquitto did not start on port " + port + ": " + Files.readString(log));
            }
            Thread.sleep(20);
        }
        return m;
    }

    int port() {
        return port;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
