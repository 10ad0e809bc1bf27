package org.fieldvae.experiment.slurm;

import java.nio.file.Path;
import java.util.List;

/**
 * The batch scripts of a sweep on SLURM: a job array whose task {@code i} runs trial {@code i} of the sweep's
 * trial list ({@code fieldvae sweep run-trial --index $SLURM_ARRAY_TASK_ID}), and the summary job run after it.
 * The options are {@code #SBATCH} lines, so the script on disk says how it was submitted.
 */
public final class SbatchScript {
    /** Where the scripts and the logs go inside the sweep folder. */
    public static final String FOLDER = "slurm";
    /** The array's script. */
    public static final String TRIALS = "trials.sh";
    /** The summary job's script. */
    public static final String SUMMARY = "summary.sh";
    /** The logs folder inside {@link #FOLDER}. */
    public static final String LOGS = "logs";

    private SbatchScript() {
    }

    /**
     * The array script.
     *
     * @param launch  bash lines that end in the command starting {@code fieldvae} (without arguments), e.g.
     *                {@code exec java ... -jar /abs/fieldvae-cli.jar}
     * @param indices the array's indices, {@link #indices} format
     */
    public static String trials(SlurmOptions options, Path dir, String launch, String indices) {
        String throttle = options.maxParallel() > 0 ? "%" + options.maxParallel() : "";
        StringBuilder b = header("fieldvae-sweep", "--array=" + indices + throttle,
                "--output=" + logs(dir).resolve("%A_%a.log"), options.directives(true));
        b.append("# ND4J's OpenMP threads: as many as the task has cores, unless OMP_NUM_THREADS is exported (the\n"
                + "# thread count changes the rounding: a local run gives the same bytes with the same count)\n");
        b.append("if [ -n \"${SLURM_CPUS_PER_TASK:-}\" ] && [ -z \"${OMP_NUM_THREADS:-}\" ]; then "
                + "export OMP_NUM_THREADS=\"$SLURM_CPUS_PER_TASK\"; fi\n");
        b.append("# one trial per task: task i runs trial i of ").append(dir.resolve("sweep.spec")).append('\n');
        b.append(launch.stripTrailing()).append(" \\\n  sweep run-trial --out ").append(quote(dir.toString()))
                .append(" --index \"$SLURM_ARRAY_TASK_ID\"\n");
        return b.toString();
    }

    /** The summary script: summary.csv, summary-by-setting.csv and summary.png from the trial folders. */
    public static String summary(SlurmOptions options, Path dir, String launch) {
        StringBuilder b = header("fieldvae-sweep-summary", null, "--output=" + logs(dir).resolve("summary-%j.log"),
                options.directives(false));
        b.append("# after the trials (submitted with --dependency=afterany on the array): the sweep's summaries\n");
        b.append(launch.stripTrailing()).append(" \\\n  sweep summarise --out ").append(quote(dir.toString()))
                .append('\n');
        return b.toString();
    }

    private static StringBuilder header(String name, String array, String output, List<String> directives) {
        StringBuilder b = new StringBuilder("#!/bin/bash\n");
        b.append("#SBATCH --job-name=").append(name).append('\n');
        if (array != null) {
            b.append("#SBATCH ").append(array).append('\n');
        }
        b.append("#SBATCH ").append(output).append('\n');
        for (String d : directives) {
            b.append("#SBATCH ").append(d).append('\n');
        }
        b.append("set -euo pipefail\n");
        return b;
    }

    /** The logs folder of a sweep folder. */
    public static Path logs(Path dir) {
        return dir.resolve(FOLDER).resolve(LOGS);
    }

    /** A task's log file: {@code logs/J_i.log}, as the array's {@code --output} names it. */
    public static Path taskLog(Path dir, String arrayJobId, int index) {
        return logs(dir).resolve(arrayJobId + "_" + index + ".log");
    }

    /** Sorted indices as sbatch's {@code --array} list: runs of consecutive indices as ranges, e.g. 0-3,7,9-10. */
    public static String indices(List<Integer> sorted) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            b.append(b.length() == 0 ? "" : ",").append(sorted.get(i));
            if (j > i) {
                b.append('-').append(sorted.get(j));
            }
            i = j + 1;
        }
        return b.toString();
    }

    /** A word for bash: single-quoted unless it is plain. */
    public static String quote(String word) {
        return word.matches("[A-Za-z0-9_./=:+,@%-]+") ? word : "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
