package dev.cryptotracker.it.auth;

import dev.cryptotracker.domain.auth.BcryptPasswordHasher;
import dev.cryptotracker.domain.auth.PasswordHasher;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real bcrypt hasher, counting its work: lets a test prove that bcrypt ran (or did not) without measuring
 * wall-clock time.
 */
final class CountingPasswordHasher implements PasswordHasher {

    private final PasswordHasher bcrypt = BcryptPasswordHasher.forTests();
    private final AtomicInteger hashes = new AtomicInteger();
    private final List<String> verifiedAgainst = new CopyOnWriteArrayList<>();

    @Override
    public String hash(String password) {
        hashes.incrementAndGet();
        return bcrypt.hash(password);
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
