package dev.cryptotracker.it.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Redis's {@code MONITOR} on a connection of its own: every command the server runs, as a line such as
 * {@code 1700000000.123456 [3 lua] "SET" "key" "value" "PX" "1000"}, where {@code lua} marks a command a script ran
 * and {@code [3 127.0.0.1:5555]} one a client sent.
 */
final class RedisMonitor implements AutoCloseable {

    private final Socket socket;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    RedisMonitor(String redisUri) {
        URI uri = URI.create(redisUri);
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$7\r\nMONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String ok = in.readLine();
            if (!"+OK".equals(ok)) {
                throw new IllegalStateException("MONITOR answered " + ok);
            }
            reader = new Thread(() -> {
                try {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        lines.add(line.startsWith("+") ? line.substring(1) : line);
                    }
                } catch (IOException closed) {
                    // close() ends the stream
                }
            }, "redis-monitor");
            reader.setDaemon(true);
            reader.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot monitor Redis at " + uri.getHost() + ":" + uri.getPort(), e);
        }
    }

    /**
     * Waits, at most ten seconds, until a line matching {@code last} has arrived (the server writes monitor lines
     * asynchronously), then returns every line so far.
     */
    List<String> linesUntil(Predicate<String> last) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lines.stream().noneMatch(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no such MONITOR line within 10 s; saw " + lines);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
        return List.copyOf(lines);
    }

    /** Whether the line is a command that a Lua script ran. */
    static boolean fromScript(String line) {
        return line.contains(" lua] ");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
