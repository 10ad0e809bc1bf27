package org.fieldvae.experiment.slurm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.fieldvae.AtomicFile;
import org.fieldvae.InvalidInputException;
import org.fieldvae.experiment.RunFolder;
import org.fieldvae.experiment.Sweep;
import org.fieldvae.experiment.SweepFolder;
import org.fieldvae.experiment.SweepSpec;
import org.fieldvae.experiment.TrialLock;
import org.fieldvae.score.ScoresFile;

/**
 * A sweep on a SLURM cluster: its unfinished trials as one job array (task {@code i} runs trial {@code i} of
 * the spec's trial list, the list the local pool runs), a summary job after the array, and the status and
 * cancellation of the trials. The sweep folder is the only state: the spec copy gives the indices, each trial
 * folder holds its run files, its {@link TrialLock} while a process runs it and the {@link TaskRecord} of its
 * last submission; the controller ({@code scontrol}) says what became of that task.
 *
 * <p>A trial is submitted only when it is not done, no process holds its lock and no task of an earlier
 * submission is queued or running for it; a task that starts anyway while another process runs its trial
 * leaves it (the lock), so no trial runs twice at once. A trial whose task was killed resumes from its
 * checkpoint when submitted again, as a local run does ({@code docs/sweeps-on-slurm.md}).
 */
public final class SlurmSweep {
    private SlurmSweep() {
    }

    /**
     * What a submission would do.
     *
     * @param dir           the sweep folder (absolute)
     * @param indices       the trials to submit, ascending
     * @param status        every trial's status before the submission
     * @param trialsScript  the array's script
     * @param summaryScript the summary job's script
     * @param dependsOn     arrays of earlier submissions still queued or running, which the summary also waits for
     */
    public record Plan(Path dir, SweepSpec spec, List<Integer> indices, List<TrialStatus> status, String trialsScript,
            String summaryScript, List<String> dependsOn) {
        public Path trialsScriptFile() {
            return dir.resolve(SbatchScript.FOLDER).resolve(SbatchScript.TRIALS);
        }

        public Path summaryScriptFile() {
            return dir.resolve(SbatchScript.FOLDER).resolve(SbatchScript.SUMMARY);
        }

        /** The sbatch command lines, with {@code arrayJobId} standing for the array's id in the second. */
        public List<String> commands(String arrayJobId) {
            return List.of("sbatch --parsable " + SbatchScript.quote(trialsScriptFile().toString()),
                    "sbatch --parsable " + dependency(arrayJobId) + " " + SbatchScript.quote(summaryScriptFile().toString()));
        }

        String dependency(String arrayJobId) {
            List<String> all = new ArrayList<>(dependsOn);
            all.add(arrayJobId);
            return "--dependency=afterany:" + String.join(":", all);
        }
    }

    /**
     * @param arrayJobId   the array's job id
     * @param summaryJobId the summary job's id
     */
    public record Submitted(Plan plan, String arrayJobId, String summaryJobId) {
    }

    /**
     * Works out the submission without submitting or writing anything.
     *
     * @param launch the bash lines that start {@code fieldvae} on a node ({@link SbatchScript#trials})
     * @throws InvalidInputException for an unknown partition, or a folder that holds a sweep with other trials
     *                               while tasks of it are queued or running
     */
    public static Plan plan(SweepSpec spec, Path dir, SlurmOptions options, String launch, Slurm slurm) {
        Path abs = dir.toAbsolutePath().normalize();
        checkPartition(options, slurm);
        Optional<SweepSpec> recorded = Files.isDirectory(abs) ? SweepFolder.recordedSpec(abs) : Optional.empty();
        if (recorded.isPresent() && !SweepFolder.sameTrials(recorded.get(), spec)) {
            List<TrialStatus> old = status(recorded.get(), abs, slurm);
            if (old.stream().anyMatch(TrialStatus::live)) {
                throw new InvalidInputException(abs + " holds a sweep with other trials (" + SweepFolder.SPEC
                        + ") whose tasks are queued or running; wait for them, cancel them (fieldvae sweep cancel "
                        + "--out " + abs + ") or choose another --out");
            }
        }
        List<TrialStatus> status = status(spec, abs, slurm);
        List<Integer> indices = new ArrayList<>();
        Set<String> dependsOn = new LinkedHashSet<>();
        for (TrialStatus s : status) {
            if (s.live()) {
                TaskRecord.read(abs.resolve(s.trial())).ifPresent(r -> dependsOn.add(r.arrayJobId()));
            } else if (s.state() != TrialStatus.State.DONE) {
                indices.add(s.index());
            }
        }
        String list = SbatchScript.indices(indices);
        return new Plan(abs, spec, List.copyOf(indices), status, SbatchScript.trials(options, abs, launch, list),
                SbatchScript.summary(options, abs, launch), List.copyOf(dependsOn));
    }

    /**
     * Submits a plan with unfinished trials: writes the spec copy, the scripts and (after sbatch answered) each
     * submitted trial's {@link TaskRecord}.
     */
    public static Submitted submit(Plan plan, int poolSize, Slurm slurm) {
        if (plan.indices().isEmpty()) {
            throw new IllegalStateException("nothing to submit");
        }
        Path dir = plan.dir();
        SweepFolder.writeSpec(dir, plan.spec());
        Sweep.writeSweepJson(plan.spec(), dir, poolSize);
        try {
            Files.createDirectories(SbatchScript.logs(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + SbatchScript.logs(dir) + ": " + e.getMessage(), e);
        }
        writeScript(plan.trialsScriptFile(), plan.trialsScript());
        writeScript(plan.summaryScriptFile(), plan.summaryScript());
        String array = slurm.submit(plan.trialsScriptFile(), List.of());
        String summary = slurm.submit(plan.summaryScriptFile(), List.of(plan.dependency(array)));
        String now = Instant.now().toString();
        for (int i : plan.indices()) {
            SweepSpec.Trial t = plan.spec().trials().get(i);
            new TaskRecord(array, i, summary, SbatchScript.taskLog(dir, array, i).toString(), now)
                    .write(dir.resolve(t.name()));
        }
        return new Submitted(plan, array, summary);
    }

    /** Every trial's status, in index order, from the folder and the controller. */
    public static List<TrialStatus> status(SweepSpec spec, Path dir, Slurm slurm) {
        Map<String, Optional<List<JobRecord>>> arrays = new HashMap<>();
        List<TrialStatus> out = new ArrayList<>();
        List<SweepSpec.Trial> trials = spec.trials();
        for (int i = 0; i < trials.size(); i++) {
            out.add(trialStatus(i, trials.get(i).name(), dir.resolve(trials.get(i).name()), slurm, arrays));
        }
        return out;
    }

    private static TrialStatus trialStatus(int index, String name, Path trialDir, Slurm slurm,
            Map<String, Optional<List<JobRecord>>> arrays) {
        if (SweepFolder.isDone(trialDir)) {
            return new TrialStatus(index, name, TrialStatus.State.DONE, doneDetail(trialDir), "");
        }
        Optional<TaskRecord> task = TaskRecord.read(trialDir);
        String log = task.map(TaskRecord::log).orElse("");
        Optional<String> holder = TrialLock.heldBy(trialDir);
        if (holder.isPresent()) {
            return new TrialStatus(index, name, TrialStatus.State.RUNNING, "by " + holder.get(), log);
        }
        if (SweepFolder.isDone(trialDir)) {
            // it finished between the first look and the lock's release: its files are whole once the lock is free
            return new TrialStatus(index, name, TrialStatus.State.DONE, doneDetail(trialDir), "");
        }
        String failure = SweepFolder.failure(trialDir).map(f -> ": " + f).orElse("");
        if (task.isEmpty()) {
            if (!failure.isEmpty()) {
                return new TrialStatus(index, name, TrialStatus.State.FAILED, "run here" + failure, "");
            }
            return Files.isRegularFile(trialDir.resolve(RunFolder.RUN_JSON))
                    ? new TrialStatus(index, name, TrialStatus.State.UNFINISHED, "started, not running", "")
                    : new TrialStatus(index, name, TrialStatus.State.NOT_STARTED, "not submitted", "");
        }
        TaskRecord r = task.get();
        Optional<List<JobRecord>> records = arrays.computeIfAbsent(r.arrayJobId(), slurm::jobs);
        if (records.isEmpty()) {
            return new TrialStatus(index, name, TrialStatus.State.UNFINISHED, "job " + r.taskId()
                    + ", state unknown (scontrol is not on the PATH)" + failure, log);
        }
        Optional<JobRecord> job = records.get().stream().filter(j -> j.taskIndex() == r.index()).findFirst();
        if (job.isEmpty()) {
            return new TrialStatus(index, name, TrialStatus.State.FAILED, "job " + r.taskId()
                    + " ended (no longer known to SLURM)" + failure, log);
        }
        JobRecord j = job.get();
        if (j.queued()) {
            return new TrialStatus(index, name, TrialStatus.State.QUEUED, "job " + j.id() + " " + j.state()
                    + " (" + j.reason() + ")", log);
        }
        if (j.live()) {
            return new TrialStatus(index, name, TrialStatus.State.RUNNING, "job " + j.id() + " " + j.state()
                    + (j.node().isEmpty() ? "" : " on " + j.node()), log);
        }
        return new TrialStatus(index, name, TrialStatus.State.FAILED, "job " + j.id() + " " + j.state() + ", exit "
                + j.exitCode() + failure, log);
    }

    private static String doneDetail(Path trialDir) {
        try {
            Double sD = ScoresFile.readScores(trialDir.resolve(RunFolder.SCORES)).get("s_d");
            return sD == null ? "" : String.format(Locale.ROOT, "S_D %.4f", sD);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /**
     * Cancels the queued and running tasks of the sweep's trials and their summary jobs.
     *
     * @return the ids cancelled
     */
    public static List<String> cancel(SweepSpec spec, Path dir, Slurm slurm) {
        Path abs = dir.toAbsolutePath().normalize();
        Map<String, Optional<List<JobRecord>>> arrays = new HashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> summaries = new LinkedHashSet<>();
        for (SweepSpec.Trial t : spec.trials()) {
            Optional<TaskRecord> task = TaskRecord.read(abs.resolve(t.name()));
            if (task.isEmpty()) {
                continue;
            }
            TaskRecord r = task.get();
            List<JobRecord> jobs = arrays.computeIfAbsent(r.arrayJobId(), slurm::jobs).orElse(List.of());
            if (jobs.stream().anyMatch(j -> j.taskIndex() == r.index() && j.live())) {
                ids.add(r.taskId());
            }
            if (!r.summaryJobId().isEmpty()) {
                summaries.add(r.summaryJobId());
            }
        }
        for (String s : summaries) {
            if (slurm.jobs(s).orElse(List.of()).stream().anyMatch(JobRecord::live)) {
                ids.add(s);
            }
        }
        slurm.cancel(List.copyOf(ids));
        return List.copyOf(ids);
    }

    private static void checkPartition(SlurmOptions options, Slurm slurm) {
        if (options.partition().isEmpty()) {
            return;
        }
        Optional<List<String>> known = slurm.partitions();
        if (known.isPresent() && !known.get().contains(options.partition())) {
            throw new InvalidInputException("--partition " + options.partition() + ": no such partition on this "
                    + "cluster (scontrol show partition lists " + String.join(", ", known.get()) + ")");
        }
    }

    private static void writeScript(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            AtomicFile.write(file, true, f -> Files.writeString(f, text));
            file.toFile().setExecutable(true, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
