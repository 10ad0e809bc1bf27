package org.fieldvae.cli;

import org.fieldvae.vae.BetaPlan;

import picocli.CommandLine.Option;

/** {@code train}'s option of the {@link BetaPlan} record, one help section. */
final class BetaArgs {
    private static final String FORMS = ": must be klushyn, fixed:B or cyclical:MAX:CYCLES[:RATIO]";

    @Option(names = "--beta", description = "klushyn (the paper's scheduler) | fixed:B (beta-VAE) | "
            + "cyclical:MAX:CYCLES[:RATIO] (Fu et al.; beta rises over RATIO of each cycle, default 0.4); default: the "
            + "schedule's (fast: one linear rise to 1; paper: klushyn).")
    String beta;

    /** The plan asked for, or {@code base} (the schedule's) when --beta is not given. */
    BetaPlan apply(BetaPlan base) {
        if (beta == null) {
            return base;
        }
        String[] parts = beta.toLowerCase().split(":");
        try {
            return switch (parts[0]) {
                case "klushyn" -> base.withKlushyn(1e-9, 0.005, 1.0);
                case "fixed" -> base.withFixed(Double.parseDouble(parts[1]));
                case "cyclical" -> base.withCyclical(Double.parseDouble(parts[1]),
                        parts.length > 2 ? Integer.parseInt(parts[2]) : base.cycles(),
                        parts.length > 3 ? Double.parseDouble(parts[3]) : base.cycleRatio());
                default -> throw new IllegalArgumentException("--beta = " + beta + FORMS);
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("--beta = " + beta + FORMS);
        }
    }
}
