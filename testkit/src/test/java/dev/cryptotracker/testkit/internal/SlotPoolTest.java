package dev.cryptotracker.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cryptotracker.testkit.TestkitConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SlotPoolTest {

    private final List<Integer> attached = new ArrayList<>();
    private final SlotPool pool = new SlotPool(TestkitConfig.from(Map.of(), Map.of(), new Properties()),
            slot -> attached.add(slot.index));

    @Test
    void aSequentialRunOnlyEverUsesSlotZero() {
        Slot first = pool.take();
        pool.giveBack(first);
        Slot second = pool.take();

        assertThat(second).isSameAs(first);
        assertThat(first.index).isZero();
        assertThat(attached).containsExactly(0);
    }

    @Test
    void makesANewSlotOnlyWhenEveryOneIsTaken() {
        Slot zero = pool.take();
        Slot one = pool.take();
        Slot two = pool.take();

        assertThat(List.of(zero.index, one.index, two.index)).containsExactly(0, 1, 2);
        assertThat(attached).as("each new slot is attached to the servers once").containsExactly(0, 1, 2);
        assertThat(pool.all()).containsExactly(zero, one, two);
    }

    @Test
    void takesTheLowestFreeSlot() {
        Slot zero = pool.take();
        Slot one = pool.take();
        Slot two = pool.take();
        pool.giveBack(two);
        pool.giveBack(zero);

        assertThat(pool.take()).isSameAs(zero);
        assertThat(pool.take()).isSameAs(two);
        assertThat(pool.take().index).isEqualTo(3);
        assertThat(attached).containsExactly(0, 1, 2, 3);
        assertThat(one.index).isEqualTo(1);
    }

    @Test
    void firstMakesSlotZeroFreeForTheNextTest() {
        Slot first = pool.first();

        assertThat(first.index).isZero();
        assertThat(pool.take()).as("slot 0 stays free after a class-level caller used it").isSameAs(first);
        assertThat(pool.first()).as("first never makes a second slot").isSameAs(first);
        assertThat(attached).containsExactly(0);
    }

    @Test
    void firstGivesSlotZeroEvenWhileATestHoldsIt() {
        Slot taken = pool.take();

        assertThat(pool.first()).isSameAs(taken);
        assertThat(pool.take().index).as("slot 0 is still taken").isEqualTo(1);
    }

    @Test
    void hasNoSlotsUntilOneIsAskedFor() {
        assertThat(pool.all()).isEmpty();
        assertThat(attached).isEmpty();
        pool.close();
    }

    @Test
    void theListOfSlotsIsACopy() {
        pool.take();
        List<Slot> before = pool.all();
        pool.take();

        assertThat(before).hasSize(1);
        assertThat(pool.all()).hasSize(2);
    }
}
