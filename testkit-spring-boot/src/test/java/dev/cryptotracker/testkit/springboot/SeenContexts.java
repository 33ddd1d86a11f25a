package dev.cryptotracker.testkit.springboot;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.springframework.context.ApplicationContext;

/** The contexts that {@link NotesTest} classes of this JVM ran in, whichever class ran first. */
final class SeenContexts {

    private static final Set<ApplicationContext> SEEN = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    private SeenContexts() {
    }

    /** Records a context and returns how many different ones were seen so far. */
    static int record(ApplicationContext context) {
        SEEN.add(context);
        return SEEN.size();
    }
}
