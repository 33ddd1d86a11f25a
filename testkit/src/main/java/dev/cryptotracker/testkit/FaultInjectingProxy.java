package dev.cryptotracker.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback interface that puts network faults between code under test and a real server:
 * a server that hangs ({@link #pause()}), that goes down and comes back ({@link #stop()}, {@link #start()}), or
 * whose connections all break at once ({@link #dropConnections()}). It works the same whichever provider runs the
 * server, so fault tests need no Docker-only tricks.
 *
 * <pre>{@code
 * try (FaultInjectingProxy proxy = FaultInjectingProxy.to("localhost", redisPort)) {
 *     SessionStore store = storeAt(proxy.host(), proxy.port());
 *     proxy.pause();   // Redis stops answering: commands time out
 *     proxy.resume();  // and answer again, on the same client
 * }
 * }</pre>
 */
public final class FaultInjectingProxy implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final InetSocketAddress target;
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile boolean paused;
    private volatile boolean down;
    private volatile boolean closed;

    private FaultInjectingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + THREADS.incrementAndGet());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a proxy to a server.
     *
     * @param host the server's host
     * @param port the server's port
     * @return the running proxy; close it when done
     */
    public static FaultInjectingProxy to(String host, int port) {
        try {
            return new FaultInjectingProxy(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a proxy port on the loopback interface", e);
        }
    }

    /**
     * The host to connect to instead of the server.
     *
     * @return the loopback address
     */
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    /**
     * The port to connect to instead of the server's.
     *
     * @return the proxy's port
     */
    public int port() {
        return listener.getLocalPort();
    }

    /** The server hangs: connections stay open, but no byte passes in either direction until {@link #resume()}. */
    public void pause() {
        paused = true;
    }

    /** Bytes pass again, on the same connections. */
    public void resume() {
        synchronized (gate) {
            paused = false;
            gate.notifyAll();
        }
    }

    /** Every open connection breaks at once, as when the server restarts; new connections work. */
    public void dropConnections() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /** The server goes down: open connections break, and new ones are closed as soon as they connect. */
    public void stop() {
        down = true;
        dropConnections();
    }

    /** The server is back: new connections reach it again. */
    public void start() {
        down = false;
        resume();
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        resume();
        dropConnections();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            if (down) {
                closeQuietly(client);
                continue;
            }
            try {
                Socket server = new Socket();
                server.connect(target, 5_000);
                sockets.add(client);
                sockets.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    awaitNotPaused();
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (SocketException e) {
                // A dropped connection, or the other side closed: nothing to report.
            } catch (IOException | InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "fault-proxy-pump-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.start();
    }

    private void awaitNotPaused() throws InterruptedException {
        synchronized (gate) {
            while (paused && !closed) {
                gate.wait();
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing what is already broken.
        }
    }
}
