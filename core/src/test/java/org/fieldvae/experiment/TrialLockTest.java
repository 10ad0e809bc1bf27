package org.fieldvae.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A trial's lock within one JVM (a second claim fails, the holder is named, release frees it); across processes
 * and after a killed task it is checked against the real cluster in cli's {@code SlurmClusterTest}.
 */
class TrialLockTest {
    @TempDir
    Path dir;

    @Test
    void oneHolderAtATimeNamedWhileHeldAndFreeAfterRelease() {
        Path trial = dir.resolve("seed=1");
        assertEquals(Optional.empty(), TrialLock.heldBy(trial), "no folder, no holder");
        try (TrialLock a = TrialLock.tryAcquire(trial, "job 3_1 on vm, pid 7").orElseThrow()) {
            assertTrue(TrialLock.tryAcquire(trial, "second").isEmpty());
            assertEquals(Optional.of("job 3_1 on vm, pid 7"), TrialLock.heldBy(trial));
            // probing again must not have dropped the lock
            assertTrue(TrialLock.tryAcquire(trial, "third").isEmpty());
        }
        assertEquals(Optional.empty(), TrialLock.heldBy(trial));
        try (TrialLock b = TrialLock.tryAcquire(trial, "next").orElseThrow()) {
            assertEquals(Optional.of("next"), TrialLock.heldBy(trial));
        }
    }
}
