package dev.cryptotracker.it;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Wraps a real DataSource and counts the connections taken from it: a repository over {@link #dataSource()} that
 * was never asked anything has taken none, which proves that a refusal came before any SQL.
 */
public final class ConnectionCounter {

    private final AtomicInteger opened = new AtomicInteger();
    private final DataSource proxy;

    public ConnectionCounter(DataSource target) {
        proxy = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (self, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        opened.incrementAndGet();
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
}
