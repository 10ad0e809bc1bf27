package org.fieldvae.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.fieldvae.experiment.SweepSpec;
import org.fieldvae.experiment.slurm.JobRecord;
import org.fieldvae.experiment.slurm.SbatchScript;
import org.fieldvae.experiment.slurm.Slurm;
import org.fieldvae.experiment.slurm.SlurmCommands;
import org.fieldvae.experiment.slurm.SlurmOptions;
import org.fieldvae.experiment.slurm.SlurmSweep;
import org.fieldvae.experiment.slurm.TrialStatus;

import picocli.CommandLine;

/**
 * {@code fieldvae sweep --engine slurm}: checks (sbatch on the PATH, the partition, the folder's trial list)
 * before anything is written or submitted, then submits the unfinished trials as one job array and the summary
 * job after it, or with {@code --dry-run} prints the scripts and the sbatch commands.
 */
final class SlurmSubmission {
    private final CommandLine cli;
    private final SlurmOptions options;
    private final boolean dryRun;

    SlurmSubmission(CommandLine cli, SlurmOptions options, boolean dryRun) {
        this.cli = cli;
        this.options = options;
        this.dryRun = dryRun;
    }

    int submit(SweepSpec spec, Path out) {
        if (!dryRun) {
            SlurmCommands.requireSbatch();
        }
        Slurm slurm = dryRun ? new Unchecked(new SlurmCommands(), cli.getErr()) : new SlurmCommands();
        SlurmSweep.Plan plan = SlurmSweep.plan(spec, out, options, TaskLauncher.launch(), slurm);
        PrintWriter o = cli.getOut();
        if (plan.indices().isEmpty()) {
            long done = plan.status().stream().filter(s -> s.state() == TrialStatus.State.DONE).count();
            long live = plan.status().stream().filter(TrialStatus::live).count();
            o.printf("nothing to submit: of %d trials %d are done and %d queued or running (fieldvae sweep status "
                    + "--out %s)%n", plan.status().size(), done, live, plan.dir());
            o.flush();
            return 0;
        }
        int pool = options.maxParallel() > 0 ? Math.min(options.maxParallel(), plan.indices().size())
                : plan.indices().size();
        if (dryRun) {
            o.println("# dry run: " + plan.indices().size() + " of " + spec.trials().size() + " trials would be "
                    + "submitted, array indices " + SbatchScript.indices(plan.indices()));
            o.println("# " + plan.trialsScriptFile());
            o.print(plan.trialsScript());
            o.println("# " + plan.summaryScriptFile());
            o.print(plan.summaryScript());
            o.println("# commands (the second gets the array's job id from the first):");
            for (String c : plan.commands("<array job id>")) {
                o.println(c);
            }
            o.flush();
            return 0;
        }
        SlurmSweep.Submitted s = SlurmSweep.submit(plan, pool, slurm);
        o.printf("submitted %d of %d trials as job array %s (indices %s%s) and summary job %s after it%n",
                plan.indices().size(), spec.trials().size(), s.arrayJobId(), SbatchScript.indices(plan.indices()),
                options.maxParallel() > 0 ? ", at most " + options.maxParallel() + " at a time" : "",
                s.summaryJobId());
        List<String> skipped = plan.status().stream().filter(TrialStatus::live).map(TrialStatus::trial).toList();
        if (!skipped.isEmpty()) {
            o.println("left to their queued or running tasks: " + String.join(", ", skipped));
        }
        o.println("logs in " + SbatchScript.logs(plan.dir()) + "; fieldvae sweep status --out " + plan.dir());
        o.flush();
        return 0;
    }

    /**
     * For a dry run on a machine whose controller does not answer (a laptop with the client commands only): the
     * partition and the queued tasks stay unchecked, with a note, instead of failing.
     */
    private record Unchecked(Slurm inner, PrintWriter err) implements Slurm {
        @Override
        public String submit(Path script, List<String> options) {
            throw new IllegalStateException("a dry run submits nothing");
        }

        @Override
        public Optional<List<JobRecord>> jobs(String jobId) {
            try {
                return inner.jobs(jobId);
            } catch (RuntimeException e) {
                err.println("# (job " + jobId + " unchecked: " + e.getMessage() + ")");
                return Optional.empty();
            }
        }

        @Override
        public void cancel(List<String> jobIds) {
            throw new IllegalStateException("a dry run cancels nothing");
        }

        @Override
        public Optional<List<String>> partitions() {
            try {
                return inner.partitions();
            } catch (RuntimeException e) {
                err.println("# (partition unchecked: " + e.getMessage() + ")");
                return Optional.empty();
            }
        }
    }
}
