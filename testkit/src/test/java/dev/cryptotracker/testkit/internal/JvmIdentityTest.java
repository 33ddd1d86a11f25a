package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JvmIdentityTest {

    @Test
    void identifiesThisProcessAndHost() throws UnknownHostException {
        assertThat(JvmIdentity.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(JvmIdentity.host()).isEqualTo(InetAddress.getLocalHost().getHostName());
    }

    @Test
    void thisJvmIsAlive() {
        assertThat(JvmIdentity.alive(JvmIdentity.pid())).isTrue();
        assertThat(JvmIdentity.alive(" " + JvmIdentity.pid() + " ")).isTrue();
    }

    @Test
    void aProcessThatEndedIsNotAlive() throws Exception {
        Process process = new ProcessBuilder("true").start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("true exited within 30 s").isTrue();

        assertThat(JvmIdentity.alive(process.pid())).isFalse();
        assertThat(JvmIdentity.alive(String.valueOf(process.pid()))).isFalse();
    }

    @Test
    void aMarkThatIsNoNumberCountsAsAliveSoThatItIsNeverSwept() {
        assertThat(JvmIdentity.alive("not-a-pid")).isTrue();
        assertThat(JvmIdentity.alive("")).isTrue();
    }

    @Test
    void anOwnerNamesHostPidAndARandomPart() {
        String owner = JvmIdentity.owner();

        assertThat(owner).matches(java.util.regex.Pattern.quote(JvmIdentity.host() + ":" + JvmIdentity.pid() + ":")
                + "[0-9a-f]{8}");
        assertThat(JvmIdentity.owner()).as("two owners of one JVM differ").isNotEqualTo(owner);
    }

    @Test
    void randomHexHasTwoDigitsPerByte() {
        assertThat(JvmIdentity.randomHex(4)).matches("[0-9a-f]{8}");
        assertThat(JvmIdentity.randomHex(16)).matches("[0-9a-f]{32}");
        assertThat(JvmIdentity.randomHex(0)).isEmpty();
    }
}
