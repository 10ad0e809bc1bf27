package org.fieldvae.experiment.slurm;

import java.util.List;

import org.fieldvae.InvalidInputException;

/**
 * What {@code fieldvae sweep --engine slurm} asks of the scheduler, each passed to {@code sbatch} as the option of
 * the same name; an empty string or 0 leaves the cluster's default.
 *
 * @param partition   {@code --partition}
 * @param time        {@code --time} per trial (e.g. {@code 8:00:00})
 * @param cpusPerTask {@code --cpus-per-task}
 * @param mem         {@code --mem} per trial (e.g. {@code 16G})
 * @param account     {@code --account}
 * @param maxParallel most trials at a time: the array's {@code %K}
 * @param extraArgs   further sbatch options, each one argument as given (e.g. {@code --qos=long})
 */
public record SlurmOptions(String partition, String time, int cpusPerTask, String mem, String account, int maxParallel,
        List<String> extraArgs) {
    public SlurmOptions {
        partition = partition == null ? "" : partition.strip();
        time = time == null ? "" : time.strip();
        mem = mem == null ? "" : mem.strip();
        account = account == null ? "" : account.strip();
        extraArgs = extraArgs == null ? List.of() : List.copyOf(extraArgs);
        if (cpusPerTask < 0) {
            throw new InvalidInputException("--cpus-per-task = " + cpusPerTask + ": must be >= 1");
        }
        if (maxParallel < 0) {
            throw new InvalidInputException("--max-parallel = " + maxParallel + ": must be >= 1");
        }
        for (String a : extraArgs) {
            if (!a.startsWith("-") || a.contains("\n")) {
                throw new InvalidInputException("--sbatch-arg '" + a + "': expected one sbatch option such as "
                        + "--qos=long");
            }
            if (a.startsWith("--array") || a.startsWith("--dependency") || a.startsWith("--output")
                    || a.startsWith("--error") || a.equals("-a") || a.startsWith("-a=") || a.startsWith("-d")
                    || a.startsWith("-o") || a.startsWith("-e")) {
                throw new InvalidInputException("--sbatch-arg '" + a + "': the sweep sets the array, the dependency "
                        + "and the log files itself");
            }
        }
    }

    /** The options as {@code #SBATCH} lines, in a fixed order; {@code withTaskShape} adds cpus-per-task. */
    List<String> directives(boolean withTaskShape) {
        List<String> d = new java.util.ArrayList<>();
        if (!partition.isEmpty()) {
            d.add("--partition=" + partition);
        }
        if (!account.isEmpty()) {
            d.add("--account=" + account);
        }
        if (!time.isEmpty()) {
            d.add("--time=" + time);
        }
        if (withTaskShape && cpusPerTask > 0) {
            d.add("--cpus-per-task=" + cpusPerTask);
        }
        if (!mem.isEmpty()) {
            d.add("--mem=" + mem);
        }
        d.addAll(extraArgs);
        return d;
    }
}
