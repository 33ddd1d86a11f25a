package dev.cryptotracker.testkit.internal;

/**
 * The testkit's optional dependencies: jOOQ for {@code DSLContext} and Redisson for {@code RedissonClient}. A
 * project that uses neither carries neither; one that asks for them without having them gets an error naming the
 * dependency to add, not a {@code NoClassDefFoundError}.
 */
public enum OptionalLibraries {

    JOOQ("org.jooq.DSLContext", "org.jooq", "jooq"),
    REDISSON("org.redisson.api.RedissonClient", "org.redisson", "redisson");

    private final String type;
    private final String groupId;
    private final String artifactId;

    OptionalLibraries(String type, String groupId, String artifactId) {
        this.type = type;
        this.groupId = groupId;
        this.artifactId = artifactId;
    }

    /** The type the library provides to tests, by name, so that asking never loads it. */
    public String typeName() {
        return type;
    }

    public boolean present() {
        try {
            Class.forName(type, false, OptionalLibraries.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Fails, naming the dependency to add, when the library is not on the classpath. */
    public void require() {
        if (!present()) {
            String simpleName = type.substring(type.lastIndexOf('.') + 1);
            throw new IllegalStateException("a " + simpleName + " needs " + groupId + ":" + artifactId
                    + ", which is not on the classpath; add " + groupId + ":" + artifactId
                    + " to your test dependencies (<dependency><groupId>" + groupId + "</groupId><artifactId>"
                    + artifactId + "</artifactId><scope>test</scope></dependency>)");
        }
    }
}
