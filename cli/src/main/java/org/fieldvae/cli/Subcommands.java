package org.fieldvae.cli;

import java.util.List;

/** Every subcommand of {@code fieldvae}, in the order --help lists them. */
final class Subcommands {
    private Subcommands() {
    }

    static List<Object> all() {
        return List.of(new KleBasisCommand(), new GenerateCommand(), new SolveCommand(), new LabelCommand(),
                new TrainCommand(), new EncodeCommand(), new DecodeCommand(), new ScoreCommand(),
                new QuickstartCommand(), new ReportCommand(), new SweepCommand(), new ProbeCommand(), new BenchCommand());
    }
}
