package org.fieldvae.experiment.slurm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.fieldvae.InvalidInputException;
import org.fieldvae.experiment.RunFolder;
import org.fieldvae.experiment.SweepFolder;
import org.fieldvae.experiment.SweepSpec;
import org.fieldvae.experiment.TrialLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which trials a submission takes, what status says and what cancel cancels, against a scripted controller;
 * the same against a real SLURM cluster is {@code SlurmClusterTest} in cli.
 */
class SlurmSweepTest {
    private static final String SPEC = "grid = 17\nsamples = 12\nepochs = 2\nrec_epochs = 1\nseed = 1..5\n";
    private static final SlurmOptions OPTIONS = new SlurmOptions("debug", "", 1, "", "", 2, List.of());

    @TempDir
    Path dir;

    /** A controller that answers from a table and records what it was asked to do. */
    static final class FakeSlurm implements Slurm {
        final Map<String, List<JobRecord>> jobs = new HashMap<>();
        final List<List<String>> submitted = new ArrayList<>();
        final List<String> cancelled = new ArrayList<>();
        int next = 100;

        @Override
        public String submit(Path script, List<String> options) {
            List<String> call = new ArrayList<>(options);
            call.add(script.getFileName().toString());
            submitted.add(call);
            return Integer.toString(next++);
        }

        @Override
        public Optional<List<JobRecord>> jobs(String jobId) {
            return Optional.of(jobs.getOrDefault(jobId, List.of()));
        }

        @Override
        public void cancel(List<String> ids) {
            cancelled.addAll(ids);
        }

        @Override
        public Optional<List<String>> partitions() {
            return Optional.of(List.of("debug", "long"));
        }
    }

    @Test
    void onlyTrialsThatAreNotDoneQueuedOrRunningAreSubmittedAndStatusSaysWhy() throws IOException {
        SweepSpec spec = SweepSpec.parse(SPEC, "s.spec");
        SweepFolder.writeSpec(dir, spec);
        List<SweepSpec.Trial> t = spec.trials();
        // 0 done; 1 queued in array 7; 2 cancelled in array 7; 3 run by a process (the lock); 4 never submitted
        Files.createDirectories(dir.resolve(t.get(0).name()));
        Files.writeString(dir.resolve(t.get(0).name()).resolve(RunFolder.SCORES), "{\"scores\":{\"s_d\":0.75}}");
        new TaskRecord("7", 1, "8", "/logs/7_1.log", "then").write(dir.resolve(t.get(1).name()));
        new TaskRecord("7", 2, "8", "/logs/7_2.log", "then").write(dir.resolve(t.get(2).name()));
        FakeSlurm slurm = new FakeSlurm();
        slurm.jobs.put("7", List.of(new JobRecord("7", 1, "PENDING", "Priority", "0:0", ""),
                new JobRecord("7", 2, "CANCELLED", "None", "0:15", "vm")));
        slurm.jobs.put("8", List.of(new JobRecord("8", -1, "PENDING", "Dependency", "0:0", "")));
        try (TrialLock held = TrialLock.tryAcquire(dir.resolve(t.get(3).name()), "job 6_3 on vm, pid 42").orElseThrow()) {
            List<TrialStatus> s = SlurmSweep.status(spec, dir, slurm);
            assertEquals(List.of(TrialStatus.State.DONE, TrialStatus.State.QUEUED, TrialStatus.State.FAILED,
                    TrialStatus.State.RUNNING, TrialStatus.State.NOT_STARTED), s.stream().map(TrialStatus::state).toList());
            assertTrue(s.get(0).line().contains("S_D 0.7500"), s.get(0).line());
            assertTrue(s.get(1).line().contains("job 7_1 PENDING (Priority)"), s.get(1).line());
            assertTrue(s.get(2).line().contains("job 7_2 CANCELLED, exit 0:15") && s.get(2).line().endsWith("log /logs/7_2.log"),
                    s.get(2).line());
            assertTrue(s.get(3).line().contains("by job 6_3 on vm, pid 42"), s.get(3).line());

            SlurmSweep.Plan plan = SlurmSweep.plan(spec, dir, OPTIONS, "exec fieldvae", slurm);
            assertEquals(List.of(2, 4), plan.indices());
            assertEquals(List.of("7"), plan.dependsOn(), "the summary also waits for the earlier array still queued");
            assertTrue(plan.trialsScript().contains("#SBATCH --array=2,4%2\n"), plan.trialsScript());

            SlurmSweep.Submitted sub = SlurmSweep.submit(plan, 2, slurm);
            assertEquals(List.of(List.of("trials.sh"), List.of("--dependency=afterany:7:100", "summary.sh")),
                    slurm.submitted);
            assertEquals("100", sub.arrayJobId());
            assertEquals("101", sub.summaryJobId());
            assertEquals(new TaskRecord("100", 2, "101", dir.toAbsolutePath().resolve("slurm/logs/100_2.log").toString(),
                    TaskRecord.read(dir.resolve(t.get(2).name())).orElseThrow().submitted()),
                    TaskRecord.read(dir.resolve(t.get(2).name())).orElseThrow());
            assertEquals("7", TaskRecord.read(dir.resolve(t.get(1).name())).orElseThrow().arrayJobId(), "left alone");
            assertFalse(Files.exists(dir.resolve(t.get(3).name()).resolve(TaskRecord.FILE)), "running trial not submitted");
            assertTrue(Files.isRegularFile(dir.resolve("slurm/trials.sh")));
            assertTrue(Files.isDirectory(dir.resolve("slurm/logs")));

            // cancel: the live tasks of the trials' latest submissions and the live summary jobs
            slurm.jobs.put("100", List.of(new JobRecord("100", 2, "RUNNING", "None", "0:0", "vm"),
                    new JobRecord("100", 4, "PENDING", "JobArrayTaskLimit", "0:0", "")));
            slurm.jobs.put("101", List.of(new JobRecord("101", -1, "PENDING", "Dependency", "0:0", "")));
            assertEquals(List.of("7_1", "100_2", "100_4", "8", "101"), SlurmSweep.cancel(spec, dir, slurm));
            assertEquals(slurm.cancelled, List.of("7_1", "100_2", "100_4", "8", "101"));
        }
        // the lock released, nothing recorded for trial 3: it is free to be submitted
        assertEquals(TrialStatus.State.NOT_STARTED, SlurmSweep.status(spec, dir, slurm).get(3).state());
    }

    @Test
    void aTaskTheControllerForgotIsFailedWithItsRecordedReason() throws IOException {
        SweepSpec spec = SweepSpec.parse(SPEC, "s.spec");
        Path trial = dir.resolve(spec.trials().get(0).name());
        new TaskRecord("3", 0, "4", "/logs/3_0.log", "then").write(trial);
        Files.writeString(trial.resolve(SweepFolder.FAILURE), "training diverged in epoch 2\n");
        TrialStatus s = SlurmSweep.status(spec, dir, new FakeSlurm()).get(0);
        assertEquals(TrialStatus.State.FAILED, s.state());
        assertTrue(s.line().contains("job 3_0 ended (no longer known to SLURM): training diverged in epoch 2"), s.line());
    }

    @Test
    void unknownPartitionAndAChangedTrialListWithLiveTasksAreRefusedBeforeAnythingIsWritten() throws IOException {
        SweepSpec spec = SweepSpec.parse(SPEC, "s.spec");
        FakeSlurm slurm = new FakeSlurm();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SlurmSweep.plan(spec, dir,
                new SlurmOptions("gpu", "", 0, "", "", 0, List.of()), "exec fieldvae", slurm));
        assertTrue(e.getMessage().contains("--partition gpu") && e.getMessage().contains("debug, long"), e.getMessage());

        SweepFolder.writeSpec(dir, spec);
        new TaskRecord("7", 0, "8", "/l", "then").write(dir.resolve(spec.trials().get(0).name()));
        slurm.jobs.put("7", List.of(new JobRecord("7", 0, "RUNNING", "None", "0:0", "vm")));
        SweepSpec other = SweepSpec.parse("grid = 17\nsamples = 12\nepochs = 2\nrec_epochs = 1\nseed = 0..5\n", "o.spec");
        e = assertThrows(InvalidInputException.class, () -> SlurmSweep.plan(other, dir, OPTIONS, "exec fieldvae", slurm));
        assertTrue(e.getMessage().contains("other trials"), e.getMessage());
        assertTrue(slurm.submitted.isEmpty());
        // once nothing of the old list is live, the new list may replace it
        slurm.jobs.put("7", List.of(new JobRecord("7", 0, "COMPLETED", "None", "0:0", "vm")));
        assertEquals(6, SlurmSweep.plan(other, dir, OPTIONS, "exec fieldvae", slurm).indices().size());
    }
}
