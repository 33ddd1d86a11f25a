package dev.cryptotracker.it.auth;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A second, plain RESP connection to the test Redis, for what a Redisson client cannot send about itself: dropping
 * every client connection ({@code CLIENT KILL}), freezing the server ({@code CLIENT PAUSE}) and reading command
 * statistics ({@code INFO commandstats}).
 */
final class RawRedis implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawRedis(String redisUri) {
        URI uri = URI.create(redisUri);
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to Redis at " + uri.getHost() + ":" + uri.getPort(), e);
        }
    }

    /** Sends one command and returns its reply as text (integers and statuses as their text). */
    String command(String... args) {
        try {
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.write(("*" + args.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.write(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
                request.write(bytes);
                request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write(request.toByteArray());
            out.flush();
            return readReply();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis command " + args[0] + " failed", e);
        }
    }

    /** How often a command (lower case, e.g. {@code get}, {@code pexpire}) ran since the server started. */
    long calls(String command) {
        String prefix = "cmdstat_" + command + ":calls=";
        for (String line : command("INFO", "commandstats").split("\r\n")) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length(), line.indexOf(',')));
            }
        }
        return 0;
    }

    private String readReply() throws IOException {
        String line = readLine();
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+', ':' -> {
                return rest;
            }
            case '-' -> throw new IllegalStateException("Redis answered an error: " + rest);
            case '$' -> {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            default -> throw new IllegalStateException("unexpected Redis reply type " + type);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        int current;
        while ((current = in.read()) != -1) {
            if (previous == '\r' && current == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(current);
            previous = current;
        }
        throw new IOException("Redis closed the connection");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
