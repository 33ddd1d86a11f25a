package dev.cryptotracker.examples.links;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.context.ApplicationContext;

/** The application contexts that tests of this JVM ran in, recorded by the tests themselves. */
final class SeenContexts {

    private static final Set<ApplicationContext> SEEN =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private SeenContexts() {
    }

    /** Records a context; returns how many different contexts were recorded so far. */
    static int record(ApplicationContext context) {
        SEEN.add(context);
        return SEEN.size();
    }
}
