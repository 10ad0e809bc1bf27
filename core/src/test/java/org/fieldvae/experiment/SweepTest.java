package org.fieldvae.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.fieldvae.CancelledException;
import org.fieldvae.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-seed sweep of tiny trials (17 x 17, 12 samples, 2 epochs of one step): run straight through on one thread, and cancelled in
 * training on two threads then resumed; both must give the same summary (wall times aside), which also
 * checks that trials in parallel threads compute exactly what they compute alone.
 */
class SweepTest {
    private static final String SPEC = """
            grid = 17
            samples = 12
            epochs = 2
            rec_epochs = 1
            batch = 12
            checkpoint_every = 1
            labels = 0.25
            seed = 1..2
            """;

    @TempDir
    Path dir;

    @Test
    void cancelledAndResumedParallelSweepEndsLikeAnUninterruptedOne() throws IOException {
        SweepSpec spec = SweepSpec.parse(SPEC, "tiny.spec");
        Path straight = dir.resolve("straight");
        SweepResult a = Sweep.run(spec, straight, 1, Progress.NONE);
        assertEquals(1, a.poolSize());
        assertEquals(2, a.trials().size());
        assertTrue(a.failures().isEmpty(), () -> a.failures().toString());
        for (TrialResult t : a.trials()) {
            assertTrue(Double.isFinite(t.sD()) && Double.isFinite(t.sKl()), t.toString());
            assertTrue(Files.isRegularFile(straight.resolve(t.trial().name()).resolve(RunFolder.SCORES)));
        }

        Path resumed = dir.resolve("resumed");
        AtomicBoolean cancel = new AtomicBoolean();
        Progress killer = new Progress() {
            @Override
            public void report(double fraction, String message) {
                if (message.contains("epoch 1/2")) {
                    cancel.set(true);
                }
            }

            @Override
            public boolean isCancelled() {
                return cancel.get();
            }
        };
        assertThrows(CancelledException.class, () -> Sweep.run(spec, resumed, 2, killer));
        assertFalse(Files.exists(resumed.resolve(Sweep.SUMMARY)), "no summary of an unfinished sweep");
        assertTrue(Files.readString(resumed.resolve(Sweep.SWEEP_JSON)).contains("\"seed=2\""), "sweep.json lists the trials");
        assertTrue(Files.isDirectory(resumed.resolve("seed=1").resolve(RunFolder.CHECKPOINTS)), "training had started");
        SweepResult b = Sweep.run(spec, resumed, 2, Progress.NONE);
        assertTrue(b.failures().isEmpty(), () -> b.failures().toString());
        assertEquals(withoutSeconds(straight.resolve(Sweep.SUMMARY)), withoutSeconds(resumed.resolve(Sweep.SUMMARY)));
        assertEquals(Files.readAllLines(straight.resolve(Sweep.SUMMARY_BY_SETTING)),
                Files.readAllLines(resumed.resolve(Sweep.SUMMARY_BY_SETTING)));

        // the per-setting row is the mean, min and max over the two seeds
        SettingSummary s = a.settings().get(0);
        assertEquals(2, s.runs());
        double s1 = a.trials().get(0).sD();
        double s2 = a.trials().get(1).sD();
        assertEquals((s1 + s2) / 2, s.sD().mean(), 1e-12);
        assertEquals(Math.min(s1, s2), s.sD().min());
        assertEquals(Math.max(s1, s2), s.sD().max());
        List<String> bySetting = Files.readAllLines(straight.resolve(Sweep.SUMMARY_BY_SETTING));
        assertEquals(2, bySetting.size());
        assertTrue(bySetting.get(1).startsWith("all,2,2,"), bySetting.get(1));

        // a finished sweep run again only reads its trials back
        SweepResult again = Sweep.run(spec, straight, 1, Progress.NONE);
        assertEquals(a.trials(), again.trials());
    }

    @Test
    void trialsRunOneByOneAsArrayTasksThenSummarisedEndLikeThePool() throws IOException {
        SweepSpec spec = SweepSpec.parse(SPEC, "tiny.spec");
        Path pool = dir.resolve("pool");
        Sweep.run(spec, pool, 1, Progress.NONE);
        Path tasks = dir.resolve("tasks");
        SweepFolder.writeSpec(tasks, spec);
        assertTrue(Sweep.summarise(spec, tasks).trials().stream().noneMatch(TrialResult::completed),
                "nothing run yet: every trial counts as failed");
        assertTrue(Files.readString(tasks.resolve(Sweep.SUMMARY)).contains("failed: not finished"));
        // the tasks in reverse order, each in its own call, as array tasks would run them
        SweepSpec recorded = SweepFolder.readSpec(tasks);
        for (int i = spec.trials().size() - 1; i >= 0; i--) {
            TrialResult r = Sweep.runOne(recorded, tasks, i, "task " + i, Progress.NONE).orElseThrow();
            assertTrue(r.completed(), r.failure());
            assertEquals(spec.trials().get(i), r.trial());
        }
        SweepResult summary = Sweep.summarise(recorded, tasks);
        assertTrue(summary.failures().isEmpty(), () -> summary.failures().toString());
        assertEquals(withoutSeconds(pool.resolve(Sweep.SUMMARY)), withoutSeconds(tasks.resolve(Sweep.SUMMARY)));
        assertEquals(Files.readAllLines(pool.resolve(Sweep.SUMMARY_BY_SETTING)),
                Files.readAllLines(tasks.resolve(Sweep.SUMMARY_BY_SETTING)));

        // a trial another process holds is left alone; a failing trial records why, for status
        Path second = tasks.resolve(spec.trials().get(1).name());
        try (TrialLock held = TrialLock.tryAcquire(second, "job 9_1 on node7, pid 1").orElseThrow()) {
            assertTrue(Sweep.runOne(recorded, tasks, 1, "another", Progress.NONE).isEmpty());
        }
        Path broken = dir.resolve("broken");
        SweepFolder.writeSpec(broken, spec);
        Files.createDirectories(broken.resolve("seed=1"));
        Files.writeString(broken.resolve("seed=1").resolve(RunFolder.TRAIN), "not HDF5");
        TrialResult failed = Sweep.runOne(spec, broken, 0, "task", Progress.NONE).orElseThrow();
        assertFalse(failed.completed());
        assertEquals(failed.failure(), SweepFolder.failure(broken.resolve("seed=1")).orElseThrow());
        assertThrows(org.fieldvae.InvalidInputException.class, () -> Sweep.runOne(spec, broken, 2, "t", Progress.NONE));
    }

    @Test
    void poolIsBoundedByRequestTrialsAndCores() {
        SweepSpec spec = SweepSpec.parse(SPEC, "tiny.spec");
        assertEquals(1, Sweep.poolSize(spec.trials(), 1));
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals(Math.min(2, cores), Sweep.poolSize(spec.trials(), 64));
        RunSettings paper = RunSettings.quickstartDefaults().withGrid(65).withSamples(512, 512).withBatch(64);
        long bytes = Sweep.memoryEstimate(paper);
        // 8.0 million parameters x 8 copies x 4 bytes alone are 256 MB
        assertTrue(bytes > 256L << 20 && bytes < 2L << 30, "paper-scale estimate " + bytes);
    }

    private static List<String> withoutSeconds(Path summary) throws IOException {
        List<String> lines = Files.readAllLines(summary);
        int col = List.of(lines.get(0).split(",")).indexOf("seconds");
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
            cells.remove(col);
            out.add(String.join(",", cells));
        }
        return out;
    }
}
