package dev.cryptotracker.testkit.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who this JVM is, as the testkit marks what it starts: the host's name and the process id. Every sweeper of
 * leftovers from killed JVMs asks the same two questions — is this mark this host's, and does its process still
 * run — through this class.
 */
public final class JvmIdentity {

    private static final SecureRandom RANDOM = new SecureRandom();

    private JvmIdentity() {
    }

    /** This JVM's process id. */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    /** This host's name, or {@code unknown} when it cannot be resolved. */
    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /** Whether a process of this host still runs. */
    public static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /**
     * Whether the process a mark names still runs. A mark that is not a number is treated as alive: what cannot
     * be read is never swept.
     */
    static boolean alive(String pid) {
        try {
            return alive(Long.parseLong(pid.trim()));
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** An owner unique to this JVM and readable by people: {@code host:pid:random}. */
    static String owner() {
        return host() + ":" + pid() + ":" + randomHex(4);
    }

    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
