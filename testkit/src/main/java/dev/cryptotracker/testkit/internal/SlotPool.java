package dev.cryptotracker.testkit.internal;

import dev.cryptotracker.testkit.TestkitConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The slots tests run in. A test takes the lowest free slot and gives it back when it ends; a new slot is made only
 * when every existing one is taken (tests running in parallel), so a sequential run only ever uses slot 0.
 */
final class SlotPool implements AutoCloseable {

    private final TestkitConfig config;
    private final Consumer<Slot> attach;
    private final List<Slot> slots = new ArrayList<>();
    private final TreeSet<Integer> free = new TreeSet<>();

    /**
     * @param config the settings every slot's clients are built with
     * @param attach connects a new slot to the servers that run
     */
    SlotPool(TestkitConfig config, Consumer<Slot> attach) {
        this.config = config;
        this.attach = attach;
    }

    /** Takes the lowest free slot, making one if none is free. */
    synchronized Slot take() {
        Integer index = free.pollFirst();
        return index == null ? create() : slots.get(index);
    }

    /** Gives a slot back. */
    synchronized void giveBack(Slot slot) {
        free.add(slot.index);
    }

    /** Slot 0, made if there is none yet; what class-level callers (a {@code @BeforeAll} method, say) get. */
    synchronized Slot first() {
        if (slots.isEmpty()) {
            free.add(create().index);
        }
        return slots.get(0);
    }

    /** Every slot made so far. */
    synchronized List<Slot> all() {
        return List.copyOf(slots);
    }

    private Slot create() {
        Slot slot = new Slot(slots.size(), config);
        attach.accept(slot);
        slots.add(slot);
        return slot;
    }

    @Override
    public synchronized void close() {
        slots.forEach(Slot::close);
    }
}
