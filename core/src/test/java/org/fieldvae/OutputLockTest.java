package org.fieldvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locks per output: one writer at a time, nested in one thread, stale temporary files removed on claim. */
class OutputLockTest {
    @TempDir
    Path dir;

    @Test
    void anotherThreadIsRefusedTheSameThreadNestsAndCloseFrees() throws Exception {
        Path out = dir.resolve("m.zip");
        try (OutputLock outer = OutputLock.acquire(out, "--out m.zip")) {
            assertTrue(Files.exists(OutputLock.lockFileOf(out)));
            try (OutputLock inner = OutputLock.acquire(out, "--out m.zip")) {
                assertEquals(out, inner.output());
            }
            assertTrue(Files.exists(OutputLock.lockFileOf(out)), "the outer claim still holds");
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> CompletableFuture.supplyAsync(() -> OutputLock.acquire(out, "--out m.zip")).get());
            assertTrue(e.getCause() instanceof InvalidInputException && e.getCause().getMessage().contains("--out m.zip"),
                    e.getCause().toString());
        }
        assertFalse(Files.exists(OutputLock.lockFileOf(out)), "the lock file goes with the last release");
        CompletableFuture.supplyAsync(() -> OutputLock.acquire(out, "x")).get().close();
    }

    @Test
    void aLockFileLeftBehindDoesNotBlock() throws Exception {
        Path out = dir.resolve("g.hdf5");
        Files.writeString(OutputLock.lockFileOf(out), "");
        OutputLock.acquire(out, "--out g.hdf5").close();
    }

    @Test
    void claimingRemovesOnlyThisOutputsTemporaryFiles() throws Exception {
        Path out = dir.resolve("g.hdf5");
        List<Path> stale = List.of(dir.resolve(".g.hdf5.a1b2.tmp"), dir.resolve(".g.hdf5.zz9.tmp"));
        List<Path> kept = List.of(dir.resolve(".g.hdf5.x.y.tmp"), dir.resolve(".g.hdf5x.a1.tmp"),
                dir.resolve(".other.hdf5.a1.tmp"), dir.resolve("g.hdf5.a1.tmp"));
        for (Path p : stale) {
            Files.writeString(p, "stale");
        }
        for (Path p : kept) {
            Files.writeString(p, "another output's");
        }
        OutputLock.acquire(out, "--out g.hdf5").close();
        stale.forEach(p -> assertFalse(Files.exists(p), p.toString()));
        kept.forEach(p -> assertTrue(Files.exists(p), p.toString()));
    }
}
