package org.fieldvae.experiment.slurm;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The few SLURM commands a sweep needs; {@link SlurmCommands} runs the real ones. */
public interface Slurm {
    /**
     * {@code sbatch --parsable OPTIONS SCRIPT}.
     *
     * @return the new job's id
     * @throws org.fieldvae.InvalidInputException with sbatch's message when it refuses the job
     */
    String submit(Path script, List<String> options);

    /**
     * {@code scontrol -o show job ID}: the job's records (an array's tasks), an empty list when the controller
     * does not know the job (any more), or empty when the cluster cannot be asked (no scontrol on the PATH).
     */
    Optional<List<JobRecord>> jobs(String jobId);

    /** {@code scancel IDS}. */
    void cancel(List<String> jobIds);

    /** The cluster's partitions, or empty when the cluster cannot be asked. */
    Optional<List<String>> partitions();
}
