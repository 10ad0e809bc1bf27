package org.fieldvae.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import org.fieldvae.Provenance;
import org.fieldvae.field.hdf5.Hdf5Writer;
import org.fieldvae.kle.KleBasis;
import org.fieldvae.kle.KleResult;
import org.fieldvae.kle.KleSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code fieldvae kle-basis}: the leading eigenpairs of the covariance matrix on the grid nodes. */
@Command(name = "kle-basis", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Leading eigenpairs of the KLE covariance matrix on the grid nodes.",
            "Computes the leading P eigenpairs of the covariance matrix s2 exp(-|x-x'|/l) on the "
                + "n x n grid nodes and writes 'eigenvalues' (P, decreasing) and 'modes' (P x n x n, unit-norm)."})
final class KleBasisCommand implements Callable<Integer> {

    @Mixin
    GenerateCommand.KleOptions kle = new GenerateCommand.KleOptions();

    @Option(names = "--out", description = "Output HDF5 file (default kle_basis_<n>_<p>.hdf5).")
    Path out;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() {
        KleSettings settings = kle.settings();
        Path target = output.check(out != null ? out
                : Path.of("kle_basis_" + settings.grid() + "_" + settings.modes() + ".hdf5"));
        KleResult basis;
        try (ConsoleProgress progress = ConsoleProgress.onStderr()) {
            basis = KleBasis.compute(settings, progress);
        }
        try (OutputOptions.Locks locks = OutputOptions.lock(target)) {
            write(basis, target, output.force);
        }
        System.err.printf("wrote %d modes to %s (%s; residual %.1e, captured variance %.4f)%n", basis.modes(), target,
                basis.method(), basis.residual(), basis.capturedVariance());
        return 0;
    }

    static void write(KleResult basis, Path target, boolean overwrite) {
        int n = basis.grid();
        try (Hdf5Writer writer = Hdf5Writer.create(target, overwrite)) {
            double[] eigenvalues = basis.eigenvalues();
            writer.dataset("eigenvalues", Hdf5Writer.Type.FLOAT64, basis.modes()).write(0, eigenvalues, 0, eigenvalues.length);
            double[] vectors = basis.vectors();
            writer.dataset("modes", Hdf5Writer.Type.FLOAT64, basis.modes(), n, n).write(0, vectors, 0, vectors.length);
            KleSettings s = basis.settings();
            Map<String, String> attributes = Map.of("grid", Integer.toString(n), "kernel", s.kernel().spec(),
                    "length", Double.toString(s.length()), "variance", Double.toString(s.variance()),
                    "modes", Integer.toString(s.modes()), "method", basis.method(),
                    "residual", Double.toString(basis.residual()),
                    "captured_variance", Double.toString(basis.capturedVariance()));
            attributes.forEach(writer::attribute);
            Provenance.current().asMap().forEach(writer::attribute);
            writer.commit();
        }
    }
}
