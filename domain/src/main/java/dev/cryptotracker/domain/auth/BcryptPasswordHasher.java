package dev.cryptotracker.domain.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bcrypt in the {@code $2a$} format. The cost defaults to {@value #DEFAULT_COST} and a public constructor refuses
 * anything lower, so production code cannot weaken it by accident; {@link #forTests()} is the one way to get the
 * library minimum of {@value #TEST_COST}, which keeps test suites that sign up hundreds of users fast.
 * Passwords are taken in NFKC ({@link PasswordPolicy#normalise(String)}) before hashing and verifying; over 72
 * UTF-8 bytes they are refused (strict strategy), never truncated. Every character counts, U+0000 included.
 * {@link #needsRehash(String)} reports hashes of a lower cost than this hasher's, for the upgrade at login.
 */
public final class BcryptPasswordHasher implements PasswordHasher {

    public static final int DEFAULT_COST = 10;

    /** The lowest cost {@link #BcryptPasswordHasher(int)} accepts (OWASP Password Storage Cheat Sheet). */
    public static final int MIN_COST = 10;

    /** The cost {@link #forTests()} uses: the lowest bcrypt allows. Never in production. */
    public static final int TEST_COST = 4;

    private static final BCrypt.Version VERSION = BCrypt.Version.VERSION_2A;
    // $2a$, $2b$, $2y$ (and the old $2$): a two-digit cost, then 22 characters of salt and 31 of hash.
    private static final Pattern MODULAR_CRYPT = Pattern.compile("\\$2[aby]?\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    private final int cost;
    private final BCrypt.Hasher hasher = BCrypt.with(VERSION, LongPasswordStrategies.strict(VERSION));
    private final BCrypt.Verifyer verifyer = BCrypt.verifyer(VERSION, LongPasswordStrategies.strict(VERSION));

    /** A hasher with cost {@value #DEFAULT_COST}. */
    public BcryptPasswordHasher() {
        this(DEFAULT_COST);
    }

    /**
     * @param cost log2 of the bcrypt rounds, {@value #MIN_COST} to 31
     * @throws IllegalArgumentException when the cost is outside that range
     */
    public BcryptPasswordHasher(int cost) {
        this(cost, MIN_COST);
    }

    private BcryptPasswordHasher(int cost, int lowestAllowed) {
        if (cost < lowestAllowed || cost > BCrypt.MAX_COST) {
            throw new IllegalArgumentException(
                    "bcrypt cost must be between " + lowestAllowed + " and " + BCrypt.MAX_COST + ", was " + cost);
        }
        this.cost = cost;
    }

    /** A hasher with cost {@value #TEST_COST}, for test suites only. */
    public static BcryptPasswordHasher forTests() {
        return new BcryptPasswordHasher(TEST_COST, TEST_COST);
    }

    public int cost() {
        return cost;
    }

    @Override
    public String hash(String password) {
        Objects.requireNonNull(password, "password");
        String normalised = PasswordPolicy.normaliseForVerification(password).orElseThrow(
                () -> new IllegalArgumentException(
                        "password must be at most " + PasswordPolicy.MAX_UTF8_BYTES + " bytes in UTF-8"));
        return hasher.hashToString(cost, normalised.toCharArray());
    }

    @Override
    public Verdict verify(String password, String hash) {
        if (hash == null) {
            return Verdict.MALFORMED_HASH;
        }
        String normalised = PasswordPolicy.normaliseForVerification(password).orElse(null);
        if (normalised == null) {
            return Verdict.MISMATCH;
        }
        BCrypt.Result result;
        try {
            result = verifyer.verify(normalised.toCharArray(), hash.toCharArray());
        } catch (IllegalArgumentException e) {
            // The library throws for some malformed inputs instead of reporting them in the result.
            return Verdict.MALFORMED_HASH;
        }
        if (!result.validFormat) {
            return Verdict.MALFORMED_HASH;
        }
        return result.verified ? Verdict.MATCH : Verdict.MISMATCH;
    }

    @Override
    public boolean needsRehash(String hash) {
        if (hash == null) {
            return false;
        }
        Matcher parts = MODULAR_CRYPT.matcher(hash);
        return parts.matches() && Integer.parseInt(parts.group(1)) < cost;
    }

    @Override
    public String toString() {
        return "BcryptPasswordHasher[cost=" + cost + "]";
    }
}
