package org.fieldvae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.fieldvae.experiment.RunFolder;
import org.fieldvae.experiment.Sweep;
import org.fieldvae.experiment.SweepSpec;
import org.fieldvae.experiment.slurm.SbatchScript;
import org.fieldvae.experiment.slurm.SlurmCommands;
import org.fieldvae.experiment.slurm.TaskRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code fieldvae sweep --engine slurm} against a real one-node SLURM cluster, started with
 * {@code scripts/slurm/start-local-cluster.sh} and stopped afterwards (also when a check fails). Skipped only
 * where SLURM is not installed ({@code .ci/run} installs it). Every command runs as a separate process started
 * the way the array tasks start (TaskLauncher), so the local reference run uses the same natives as the tasks.
 *
 * <p>Checked: a sweep of four tiny trials ends with every trial done and the same scores, latents and summaries
 * (wall times aside) as a local run of the same spec; a second submission while the first is queued submits
 * nothing; a trial scancel'led in training shows as failed (CANCELLED), resumes from its checkpoint when the
 * sweep is submitted again and ends like the uninterrupted local one; a submission of the finished sweep submits
 * nothing; a task whose trial fails shows as failed with SLURM's state, exit code and log; an unknown partition
 * is refused with exit 2 before anything is written.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class SlurmClusterTest {
    /** The test cluster's own state folder and ports, apart from a cluster a user started with the defaults. */
    private static final String STATE = "/tmp/fieldvae-slurm-test";
    private static final String PORT = "16837";
    private static final String SPEC = """
            grid = 17
            samples = 12
            epochs = 20
            rec_epochs = 2
            batch = 12
            checkpoint_every = 1
            labels = 0.25
            seed = 1..4
            """;

    private static Path scripts;
    private static Map<String, String> env;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCluster() throws IOException, InterruptedException {
        Assumptions.assumeTrue(SlurmCommands.onPath("sbatch")
                && (SlurmCommands.onPath("slurmctld") || Files.isExecutable(Path.of("/usr/sbin/slurmctld"))),
                "SLURM is not installed (sbatch, slurmctld)");
        scripts = repository().resolve("scripts").resolve("slurm");
        env = Map.of("FIELDVAE_SLURM_DIR", STATE, "FIELDVAE_SLURM_PORT", PORT, "SLURM_CONF", STATE + "/slurm.conf",
                "FIELDVAE_JAVA_OPTS", "-Xmx1g",
                // one thread in the tasks and the local run: the thread count changes the rounding
                "OMP_NUM_THREADS", "1", "PATH", System.getenv("PATH") + ":/usr/sbin:/sbin");
        Result started = run(List.of(scripts.resolve("start-local-cluster.sh").toString()), 60);
        if (started.exit != 0) {
            stopCluster();
            fail("the test cluster did not start: " + started.err);
        }
    }

    @AfterAll
    static void stopCluster() throws IOException, InterruptedException {
        if (scripts != null) {
            run(List.of(scripts.resolve("stop-local-cluster.sh").toString()), 60);
        }
    }

    @Test
    void aSweepOnTheClusterEndsLikeTheLocalOneThroughCancelAndResubmission() throws Exception {
        Path specFile = dir.resolve("tiny.spec");
        Files.writeString(specFile, SPEC);
        Path local = dir.resolve("local");
        Path slurm = dir.resolve("slurm");
        Path failing = dir.resolve("failing");
        // a trial that fails at once: its folder holds a run file but no run.json
        Path failingSpec = dir.resolve("one.spec");
        Files.writeString(failingSpec, SPEC.replace("seed = 1..4", "seed = 1"));
        Files.createDirectories(failing.resolve("trial"));
        Files.writeString(failing.resolve("trial").resolve(RunFolder.TRAIN), "not HDF5");

        Result failed = fieldvae("sweep", "--spec", failingSpec.toString(), "--out", failing.toString(), "--engine",
                "slurm", "--cpus-per-task", "1");
        assertEquals(0, failed.exit, failed.err);
        Result first = fieldvae("sweep", "--spec", specFile.toString(), "--out", slurm.toString(), "--engine", "slurm",
                "--max-parallel", "2", "--cpus-per-task", "1");
        assertEquals(0, first.exit, first.err);
        assertTrue(first.out.contains("submitted 4 of 4 trials"), first.out);
        Process localRun = launch(List.of("sweep", "--spec", specFile.toString(), "--out", local.toString(),
                "--parallel", "2"), dir.resolve("local.log"));

        // while the first submission's tasks are queued or running, a second one submits nothing
        Result again = fieldvae("sweep", "--spec", specFile.toString(), "--out", slurm.toString(), "--engine", "slurm");
        assertEquals(0, again.exit, again.err);
        assertTrue(again.out.startsWith("nothing to submit"), again.out);
        List<String> arrays = arrayIds(slurm, 4);
        assertEquals(1, arrays.stream().distinct().count(), "one array for all four trials: " + arrays);

        Result running = fieldvae("sweep", "status", "--out", slurm.toString());
        System.out.println("sweep status before scancel:\n" + running.out);
        assertEquals(4, running.out.lines().filter(l -> l.matches(".* (running|queued|done) .*")).count(), running.out);
        // cancel a trial in training (one that has a checkpoint and no model yet)
        Cancelled cancelled = cancelOneInTraining(slurm);
        awaitQueueEmpty();
        Result afterCancel = fieldvae("sweep", "status", "--out", slurm.toString());
        System.out.println("sweep status after scancel:\n" + afterCancel.out);
        String line = afterCancel.out.lines().filter(l -> l.contains(" " + cancelled.trial + " ")).findFirst().orElseThrow();
        assertTrue(line.contains("failed") && line.contains("CANCELLED"), line);
        assertEquals(3, afterCancel.out.lines().filter(l -> l.contains(" done ")).count(), afterCancel.out);
        Path trial = slurm.resolve(cancelled.trial);
        assertTrue(Files.isRegularFile(trial.resolve(RunFolder.CHECKPOINTS).resolve("checkpoint.zip")));
        assertFalse(Files.exists(trial.resolve(RunFolder.MODEL)), "cancelled before the model was written");
        assertTrue(Files.readString(slurm.resolve(Sweep.SUMMARY)).contains(cancelled.trial + ",")
                && Files.readString(slurm.resolve(Sweep.SUMMARY)).contains("failed: not finished"),
                "the first summary job ran after the array and counted the cancelled trial as failed");

        // the failing task: failed, with SLURM's state, the exit code and its log
        Result failedStatus = fieldvae("sweep", "status", "--out", failing.toString());
        assertEquals(0, failedStatus.exit, failedStatus.err);
        String f = failedStatus.out.strip();
        assertTrue(f.contains("failed") && f.contains("FAILED") && f.contains("exit 1:0") && f.contains("holds run files"),
                f);
        Path log = Path.of(f.substring(f.indexOf(" log ") + 5));
        assertTrue(Files.readString(log).contains("holds run files (train.hdf5)"), log.toString());

        // resubmission: only the cancelled trial, which resumes from its checkpoint
        Result resubmit = fieldvae("sweep", "--spec", specFile.toString(), "--out", slurm.toString(), "--engine",
                "slurm", "--max-parallel", "2", "--cpus-per-task", "1");
        assertEquals(0, resubmit.exit, resubmit.err);
        assertTrue(resubmit.out.contains("submitted 1 of 4 trials") && resubmit.out.contains("(indices "
                + cancelled.index + ","), resubmit.out);
        TaskRecord resumed = TaskRecord.read(trial).orElseThrow();
        awaitQueueEmpty();
        assertTrue(Files.readString(Path.of(resumed.log())).contains("training (resumed)"), resumed.log());
        Result done = fieldvae("sweep", "status", "--out", slurm.toString());
        assertEquals(4, done.out.lines().filter(l -> l.contains(" done ")).count(), done.out);

        // and once all is done, a submission submits nothing
        Result nothing = fieldvae("sweep", "--spec", specFile.toString(), "--out", slurm.toString(), "--engine", "slurm");
        assertTrue(nothing.out.startsWith("nothing to submit: of 4 trials 4 are done"), nothing.out);
        assertEquals(resumed, TaskRecord.read(trial).orElseThrow(), "no new task");
        assertEquals("", queue(), "no job queued");

        // the same results as the local run, byte for byte
        assertTrue(localRun.waitFor(5, TimeUnit.MINUTES), "the local run ends");
        assertEquals(0, localRun.exitValue(), Files.readString(dir.resolve("local.log")));
        ObjectMapper json = new ObjectMapper();
        for (SweepSpec.Trial t : SweepSpec.parse(SPEC, "tiny.spec").trials()) {
            Path a = local.resolve(t.name());
            Path b = slurm.resolve(t.name());
            assertTrue(Arrays.equals(Files.readAllBytes(a.resolve(RunFolder.LATENTS_TEST)),
                    Files.readAllBytes(b.resolve(RunFolder.LATENTS_TEST))), t.name() + " test latents");
            assertEquals(json.readTree(a.resolve(RunFolder.SCORES).toFile()).get("scores"),
                    json.readTree(b.resolve(RunFolder.SCORES).toFile()).get("scores"), t.name() + " scores");
        }
        assertEquals(withoutSeconds(local.resolve(Sweep.SUMMARY)), withoutSeconds(slurm.resolve(Sweep.SUMMARY)));
        assertEquals(Files.readString(local.resolve(Sweep.SUMMARY_BY_SETTING)),
                Files.readString(slurm.resolve(Sweep.SUMMARY_BY_SETTING)));
        assertTrue(Files.size(slurm.resolve(SweepCommand.PLOT)) > 1000, "the summary job drew the plot");
    }

    @Test
    void anUnknownPartitionIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path specFile = dir.resolve("tiny.spec");
        Files.writeString(specFile, SPEC);
        Path out = dir.resolve("never");
        Result r = fieldvae("sweep", "--spec", specFile.toString(), "--out", out.toString(), "--engine", "slurm",
                "--partition", "nope");
        assertEquals(2, r.exit, r.err);
        List<String> lines = r.err.lines().filter(l -> !l.startsWith("SLF4J")).toList();
        assertEquals(1, lines.size(), r.err);
        assertTrue(lines.get(0).contains("--partition nope") && lines.get(0).contains("debug"), lines.get(0));
        assertFalse(Files.exists(out));
    }

    private record Cancelled(int index, String trial) {
    }

    /**
     * Waits for a trial with a checkpoint and no model, scancels its task and checks that the trial did not finish
     * in between; if it did (the race was lost), tries the next trial in training.
     */
    private Cancelled cancelOneInTraining(Path sweep) throws Exception {
        List<SweepSpec.Trial> trials = SweepSpec.parse(SPEC, "tiny.spec").trials();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        List<Integer> tried = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < trials.size(); i++) {
                Path t = sweep.resolve(trials.get(i).name());
                if (tried.contains(i) || !Files.isRegularFile(t.resolve(RunFolder.CHECKPOINTS).resolve("checkpoint.zip"))
                        || Files.exists(t.resolve(RunFolder.MODEL))) {
                    continue;
                }
                tried.add(i);
                String id = TaskRecord.read(t).orElseThrow().taskId();
                Result scancel = run(List.of("scancel", id), 30);
                assertEquals(0, scancel.exit, scancel.err);
                awaitTaskEnded(id);
                if (!Files.exists(t.resolve(RunFolder.MODEL))) {
                    return new Cancelled(i, trials.get(i).name());
                }
            }
            Thread.sleep(50);
        }
        fail("no trial was caught in training (tried " + tried + ")");
        return null;
    }

    private static void awaitTaskEnded(String id) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (!queue().lines().map(String::strip).toList().contains(id)) {
                return;
            }
            Thread.sleep(100);
        }
        fail(id + " still in the queue a minute after scancel");
    }

    private static void awaitQueueEmpty() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (queue().isEmpty()) {
                return;
            }
            Thread.sleep(250);
        }
        fail("jobs still queued after 5 minutes:\n" + queue());
    }

    /** The ids (J_i, J) of every job in the test cluster's queue. */
    private static String queue() throws Exception {
        Result q = run(List.of("squeue", "-h", "-r", "-o", "%i"), 30);
        assertEquals(0, q.exit, q.err);
        return q.out.strip();
    }

    private static List<String> arrayIds(Path sweep, int trials) {
        return SweepSpec.parse(SPEC, "tiny.spec").trials().stream().limit(trials)
                .map(t -> TaskRecord.read(sweep.resolve(t.name())).orElseThrow().arrayJobId()).toList();
    }

    private static List<String> withoutSeconds(Path summary) throws IOException {
        List<String> lines = Files.readAllLines(summary);
        int col = List.of(lines.get(0).split(",")).indexOf("seconds");
        return lines.stream().map(l -> {
            List<String> cells = new ArrayList<>(List.of(l.split(",", -1)));
            cells.remove(col);
            return String.join(",", cells);
        }).collect(Collectors.toList());
    }

    private record Result(int exit, String out, String err) {
    }

    /** Runs {@code fieldvae ARGS} as the array tasks start it, and waits for it. */
    private static Result fieldvae(String... args) throws Exception {
        return run(List.of("bash", "-c", command(List.of(args))), 180);
    }

    private static Process launch(List<String> args, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command(args)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String command(List<String> args) {
        return TaskLauncher.launch() + " " + args.stream().map(SbatchScript::quote).collect(Collectors.joining(" "));
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("slurm-test", ".out");
        Path err = Files.createTempFile("slurm-test", ".err");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail(String.join(" ", command) + " did not end within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Path repository() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("scripts/slurm/start-local-cluster.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("scripts/slurm/start-local-cluster.sh not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
