package dev.cryptotracker.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wraps a real DataSource and counts the connections taken from it: a repository over {@link #dataSource()} that
 * was never asked anything has taken none, which proves that a refusal came before any SQL. A test can also have
 * something happen just before a given connection is taken, such as the database going away at that step.
 */
public final class ConnectionCounter {

    private final AtomicInteger opened = new AtomicInteger();
    private final Map<Integer, Runnable> before = new ConcurrentHashMap<>();
    private final DataSource proxy;

    public ConnectionCounter(DataSource target) {
        proxy = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (self, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        before.getOrDefault(opened.incrementAndGet(), () -> { }).run();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public DataSource dataSource() {
        return proxy;
    }

    public int opened() {
        return opened.get();
    }

    /** Runs {@code action} on the taking thread just before the {@code nth} connection (from 1) is taken. */
    public void beforeConnection(int nth, Runnable action) {
        before.put(nth, action);
    }
}
