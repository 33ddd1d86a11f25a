package dev.cryptotracker.it.auth;

import dev.cryptotracker.domain.auth.BcryptPasswordHasher;
import dev.cryptotracker.domain.auth.PasswordHasher;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real bcrypt hasher, counting its work: lets a test prove that bcrypt ran (or did not) without measuring
 * wall-clock time. A test can also hold a thread inside {@link #hash(String)} to line up a race.
 */
final class CountingPasswordHasher implements PasswordHasher {

    private final PasswordHasher bcrypt;
    private final AtomicInteger hashes = new AtomicInteger();
    private final List<String> verifiedAgainst = new CopyOnWriteArrayList<>();
    private volatile Runnable beforeHash = () -> { };

    CountingPasswordHasher() {
        this(BcryptPasswordHasher.forTests());
    }

    CountingPasswordHasher(PasswordHasher bcrypt) {
        this.bcrypt = bcrypt;
    }

    /** Runs before every later {@link #hash(String)}, on the hashing thread. */
    void beforeEachHash(Runnable hook) {
        beforeHash = hook;
    }

    @Override
    public String hash(String password) {
        hashes.incrementAndGet();
        beforeHash.run();
        return bcrypt.hash(password);
    }

    @Override
    public boolean needsRehash(String hash) {
        return bcrypt.needsRehash(hash);
    }

    @Override
    public Verdict verify(String password, String hash) {
        verifiedAgainst.add(String.valueOf(hash));
        return bcrypt.verify(password, hash);
    }

    int hashes() {
        return hashes.get();
    }

    int verifications() {
        return verifiedAgainst.size();
    }

    /** The hashes that passwords were verified against, in order. */
    List<String> verifiedAgainst() {
        return List.copyOf(verifiedAgainst);
    }

    void reset() {
        hashes.set(0);
        verifiedAgainst.clear();
    }
}
