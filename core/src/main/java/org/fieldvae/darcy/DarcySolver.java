package org.fieldvae.darcy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldvae.FieldVaeException;
import org.fieldvae.InvalidInputException;
import org.fieldvae.Progress;

/**
 * Darcy flow of the paper's data (Eq. 15, 16): u = -K grad p, div u = f in the unit square, u . n = 0 on its
 * boundary, integral of p = 0, with f the wells of {@link SourceField} (+r on [0,w]^2, -r on [1-w,1]^2) or any
 * given source.
 *
 * <p>Discretisation: conservative vertex-centred finite volumes on the n x n node grid, second order
 * ({@link FiniteVolume}): harmonic-mean face permeabilities, the source integrated over the dual cells (exactly
 * for the wells, so the injected flux is r w^2 for every n; f_ij |cell_ij| for a given nodal field). A source of
 * non-zero integral has no no-flux solution: its area-weighted mean is removed and reported
 * ({@link DarcySolution#removedSourceMean()}, with a warning above round-off).
 *
 * <p>Linear solver: CG on the singular, consistent, symmetric positive semi-definite system, preconditioned by
 * one geometric multigrid V-cycle with Galerkin coarse operators ({@link Multigrid}); the preconditioned residual
 * is kept orthogonal to the constants. Multigrid makes the iteration count independent of n and nearly of the
 * K contrast, and one 65 x 65 solve costs well under the sparse LU's time. For n other than 2^k + 1 the
 * coarsening stops at the first even size, which is then solved by a banded Cholesky (exact but O(n^4):
 * fine for n up to about 100). Finally p is shifted so that sum_ij |cell_ij| p_ij = 0.
 *
 * <p>Cost at 65 x 65 on log-normal K of unit log-variance ({@link DarcyBenchmark}, quiet 2-core machine):
 * 10 CG iterations to the default 1e-8 (12 to 1e-10), about 1.4 ms per solve (0.12 ms of it the Galerkin
 * set-up, about 0.09 ms per V-cycle); scipy's sparse LU takes 12-18 ms. A constant-contrast jump of e^12 between
 * neighbouring nodes needs about 35 iterations and stops at the round-off level (see
 * {@link DarcySettings#tolerance()}).
 *
 * <pre>
 * C. Jacobsen, K. Duraisamy, "Disentangling Generative Factors of Physical Fields Using Variational
 * Autoencoders", Sec. 3 "Sample Application: Darcy Flow", Eq. 15-16.
 * </pre>
 * The authors solved the non-conservative form K lap p + grad K . grad p with +-r on the well nodes by dense
 * least squares; see docs/paper-facts.md, "Data", for why FieldVAE's data are not bit-identical.
 */
public final class DarcySolver {
    private static final ThreadLocal<Workspace> THREAD_WORKSPACE = new ThreadLocal<>();

    private DarcySolver() {
    }

    /**
     * @param settings     wells and solver tolerance
     * @param permeability K[i][j] at node (i h, j h), n x n with n >= 3, finite and > 0; not modified
     * @param source       nodal f[i][j], n x n, finite; null for the wells of the settings; not modified
     * @return pressure, velocities and checks
     * @throws InvalidInputException if a field has the wrong shape or invalid values
     * @throws ConvergenceException  if CG does not converge
     */
    public static DarcySolution solve(DarcySettings settings, double[][] permeability, double[][] source) {
        int n = checkShape("permeability", permeability);
        Workspace ws = threadWorkspace(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                ws.permeability[i][j] = checkPermeability("", i, j, permeability[i][j]);
            }
        }
        fillSource(settings, n, prepareSource(n, source), ws);
        ws.solve(settings);
        return ws.toSolution();
    }

    /**
     * Solves every sample in parallel on all cores; the result does not depend on the number of threads.
     *
     * @param settings       wells and solver tolerance
     * @param permeabilities K[sample][i][j], M x n x n, finite and > 0; not modified
     * @param source         nodal f[i][j] n x n for all samples, or null for the wells; not modified
     * @param progress       receives a report after each sample; cancellation is checked between samples
     * @return [sample][channel][i][j], M x 3 x n x n; channels pressure, u_x1, u_x2
     */
    public static float[][][][] solveAll(DarcySettings settings, float[][][] permeabilities, double[][] source,
                                         Progress progress) {
        if (permeabilities == null) {
            throw new InvalidInputException("permeabilities: missing");
        }
        int count = permeabilities.length;
        float[][][][] out = new float[count][][][];
        if (count == 0) {
            return out;
        }
        int n = checkShape("permeabilities[0]", permeabilities[0]);
        for (int s = 1; s < count; s++) {
            int ns = checkShape("permeabilities[" + s + "]", permeabilities[s]);
            if (ns != n) {
                throw new InvalidInputException("permeabilities[" + s + "]: grid " + ns + " x " + ns
                    + " differs from sample 0's " + n + " x " + n);
            }
        }
        double[][] nodal = prepareSource(n, source);
        int threads = Math.min(count, Runtime.getRuntime().availableProcessors());
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "darcy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    Workspace ws = new Workspace(n);
                    fillSource(settings, n, nodal, ws);
                    int s;
                    while (!stop.get() && (s = next.getAndIncrement()) < count) {
                        progress.checkCancelled();
                        out[s] = solveSample(settings, permeabilities[s], s, ws);
                        int d = done.incrementAndGet();
                        progress.report((double) d / count, "Darcy sample " + d + "/" + count);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                await(f, stop);
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    private static void await(Future<?> future, AtomicBoolean stop) {
        try {
            future.get();
        } catch (ExecutionException e) {
            stop.set(true);
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new FieldVaeException("Darcy worker failed", e.getCause());
        } catch (InterruptedException e) {
            stop.set(true);
            Thread.currentThread().interrupt();
            throw new FieldVaeException("interrupted while solving Darcy samples", e);
        }
    }

    private static float[][][] solveSample(DarcySettings settings, float[][] k, int sample, Workspace ws) {
        int n = ws.n;
        String where = "sample " + sample + ": ";
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                ws.permeability[i][j] = checkPermeability(where, i, j, k[i][j]);
            }
        }
        try {
            ws.solve(settings);
        } catch (ConvergenceException e) {
            throw new ConvergenceException(where + e.getMessage(), e.iterations(), e.residual());
        }
        float[][][] channels = new float[3][n][n];
        double[][][] fields = {ws.pressure, ws.velocityX1, ws.velocityX2};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    channels[c][i][j] = (float) fields[c][i][j];
                }
            }
        }
        return channels;
    }

    /**
     * The calling thread's workspace for n x n solves, made once: building the multigrid hierarchy costs
     * about as much as a solve, and repeated single solves (a KNIME loop, the benchmark) should not pay
     * it every time. Safe because a solve overwrites every array of the workspace and the solution copies
     * what it returns.
     */
    private static Workspace threadWorkspace(int n) {
        Workspace ws = THREAD_WORKSPACE.get();
        if (ws == null || ws.n != n) {
            ws = new Workspace(n);
            THREAD_WORKSPACE.set(ws);
        }
        return ws;
    }

    /** @return a checked copy of the nodal source, or null for the wells */
    private static double[][] prepareSource(int n, double[][] source) {
        if (source == null) {
            return null;
        }
        int ns = checkShape("source", source);
        if (ns != n) {
            throw new InvalidInputException("source: shape " + ns + " x " + ns + " does not match permeability "
                + n + " x " + n);
        }
        double[][] copy = new double[n][];
        for (int i = 0; i < n; i++) {
            copy[i] = source[i].clone();
            for (int j = 0; j < n; j++) {
                if (!Double.isFinite(copy[i][j])) {
                    throw new InvalidInputException("source[" + i + "][" + j + "] = " + copy[i][j]
                        + ": must be finite");
                }
            }
        }
        return copy;
    }

    /** Integrates the source over the dual cells into the workspace: exactly for the wells. */
    private static void fillSource(DarcySettings settings, int n, double[][] nodal, Workspace ws) {
        if (nodal == null) {
            double[][] b = SourceField.wellIntegrals(n, settings.wellWidth(), settings.injectionRate());
            for (int i = 0; i < n; i++) {
                System.arraycopy(b[i], 0, ws.sourceIntegral[i], 0, n);
            }
            return;
        }
        double[] c = FiniteVolume.cellWeights(n);
        double h2 = FiniteVolume.spacing(n) * FiniteVolume.spacing(n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                ws.sourceIntegral[i][j] = nodal[i][j] * h2 * c[i] * c[j];
            }
        }
    }

    /** @return n for an n x n array with n >= 3 */
    private static int checkShape(String name, double[][] a) {
        if (a == null) {
            throw new InvalidInputException(name + ": missing");
        }
        int n = a.length;
        for (int i = 0; i < n; i++) {
            checkRow(name, i, a[i] == null ? -1 : a[i].length, n);
        }
        return checkSize(name, n);
    }

    private static int checkShape(String name, float[][] a) {
        if (a == null) {
            throw new InvalidInputException(name + ": missing");
        }
        int n = a.length;
        for (int i = 0; i < n; i++) {
            checkRow(name, i, a[i] == null ? -1 : a[i].length, n);
        }
        return checkSize(name, n);
    }

    private static void checkRow(String name, int i, int length, int n) {
        if (length != n) {
            throw new InvalidInputException(name + ": row " + i + " has " + (length < 0 ? "no" : length)
                + " entries, expected " + n + " (the field must be n x n)");
        }
    }

    private static int checkSize(String name, int n) {
        if (n < 3) {
            throw new InvalidInputException(name + ": grid " + n + " x " + n + " is too small, n must be >= 3");
        }
        return n;
    }

    private static double checkPermeability(String where, int i, int j, double k) {
        if (!(k > 0) || !Double.isFinite(k)) {
            throw new InvalidInputException(where + "permeability[" + i + "][" + j + "] = " + k
                + ": must be finite and > 0");
        }
        return k;
    }
}
