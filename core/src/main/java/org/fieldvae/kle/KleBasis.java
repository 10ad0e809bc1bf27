package org.fieldvae.kle;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.fieldvae.Progress;

/**
 * The discrete Karhunen-Loeve basis of the log-permeability (paper Eq. 17-18): the leading p eigenpairs of the
 * n^2 x n^2 covariance matrix C[(i,j),(k,l)] = s2 rho(|x_ij - x_kl|_2 / l) on the grid nodes, so that
 * G = m + sum_k sqrt(lambda_k) theta_k phi_k has pointwise variance sum_k lambda_k phi_k(x)^2, which is s2 when
 * all n^2 modes are kept (trace C = n^2 s2).
 *
 * <p>C is never formed. The symmetries of the square split it into five independent blocks
 * ({@link SymmetryBlock}: EE+, EE-, OO+, OO-, EO of about n^2/8, n^2/8, n^2/8, n^2/8, n^2/4 unknowns; EO's
 * eigenvalues are double), solved in parallel, each with a product by C through sine/cosine transforms of its
 * circulant embedding. Two solvers, chosen automatically:
 * <ul>
 * <li>Lanczos with full reorthogonalisation ({@link Lanczos}) for p up to {@value #LANCZOS_FRACTION} n^2 on
 *   grids with more than {@value #SMALL_NODES} nodes. It needs about 2.5 products per wanted pair and
 *   O(steps^2 x block size) for the reorthogonalisation, so it wins while few modes are wanted. Measured at
 *   65 x 65 (2 cores, exponential kernel, l = 0.1): top 100 in 0.04-0.06 s, top 500 in 0.7 s, top 1000 in 3-4 s;</li>
 * <li>otherwise all eigenpairs of each explicitly formed block by a dense symmetric eigensolver (LAPACK dsyev
 *   through ND4J from {@value #LAPACK_DIMENSION} unknowns, Commons Math below): O(block^3) but independent of p,
 *   2.5-4 s for all 4,225 modes at 65 x 65 (Commons Math alone: 10-14 s; Commons Math on the unsplit 4,225 x
 *   4,225 matrix did not finish in 500 s, as reported in the issue). This is also the fallback for a block where Lanczos has not converged within
 *   3 x wanted + 80 steps.</li>
 * </ul>
 * Each block's share of the p modes is estimated from its size; when every eigenvalue a block returned is among
 * the leading p, the block may hold more, and it is solved again for twice as many: the merged list is exactly
 * the leading p of C.
 */
public final class KleBasis {
    /** Largest p / n^2 solved by Lanczos (above it the dense blocks are faster). */
    static final double LANCZOS_FRACTION = 0.15;
    /** Grids with at most this many nodes always use the dense blocks (at most ~50 unknowns per block). */
    static final int SMALL_NODES = 400;
    /** Lanczos stops when every wanted Ritz residual is below this times max(theta_k, floor * theta_1). */
    static final double TOLERANCE = 1e-10;
    /** Relative eigenvalue size below which the Lanczos test is against theta_1 (see {@link Lanczos}). */
    static final double FLOOR = 1e-4;
    /** Dense blocks of at least this many unknowns go to LAPACK (ND4J), smaller ones to Commons Math. */
    static final int LAPACK_DIMENSION = 200;
    /**
     * Each block is first asked for WANTED_MARGIN p dimension / n^2 + WANTED_EXTRA pairs: at 65 x 65 with the
     * paper's kernel the blocks hold between 0.75 and 1.2 times their size's share of the leading 50 to 600 modes.
     */
    static final double WANTED_MARGIN = 1.1;
    /** See {@link #WANTED_MARGIN}. */
    static final int WANTED_EXTRA = 3;
    /** Lanczos gives up (and the block goes to the dense solver) after this many steps per wanted pair ... */
    static final int MAX_STEPS_PER_PAIR = 3;
    /** ... plus this many. */
    static final int MAX_STEPS_EXTRA = 80;
    /** Seed of the Lanczos start vectors (results do not depend on it beyond rounding). */
    private static final long START_SEED = 0x4B4C45L;

    /** How the eigenpairs are computed; AUTO is what {@link #compute(KleSettings, Progress)} uses. */
    enum Method { AUTO, LANCZOS, DENSE }

    private KleBasis() {
    }

    /**
     * @param settings grid, kernel, length, variance and number of modes
     * @param progress receives the fraction of blocks solved; cancellation is checked between Lanczos steps
     * @return the leading eigenpairs with their residual and captured variance
     */
    public static KleResult compute(KleSettings settings, Progress progress) {
        return compute(settings, progress, Method.AUTO);
    }

    static KleResult compute(KleSettings settings, Progress progress, Method method) {
        return compute(settings, progress, method, WANTED_MARGIN, WANTED_EXTRA);
    }

    /** As {@link #compute(KleSettings, Progress)} with a first guess of margin p dimension / n^2 + extra pairs. */
    static KleResult compute(KleSettings settings, Progress progress, Method method, double margin, int extra) {
        GridCovariance cov = new GridCovariance(settings);
        List<SymmetryBlock> blocks = SymmetryBlock.all(cov);
        int nodes = settings.nodes();
        int p = settings.modes();
        boolean dense = method == Method.DENSE
            || (method == Method.AUTO && (nodes <= SMALL_NODES || p > LANCZOS_FRACTION * nodes));
        int[] wanted = new int[blocks.size()];
        for (int b = 0; b < wanted.length; b++) {
            SymmetryBlock block = blocks.get(b);
            // an EO eigenpair is two modes of C, so each block wants about p * dimension / n^2 pairs
            double share = (double) block.dimension() / nodes;
            wanted[b] = dense ? block.dimension()
                : Math.min(block.dimension(), (int) Math.ceil(margin * p * share) + extra);
        }
        BlockEigen[] solved = new BlockEigen[blocks.size()];
        while (true) {
            solveBlocks(blocks, cov, wanted, solved, dense, progress);
            List<Entry> top = leading(solved, blocks, p);
            // fewer than p pairs so far: every incomplete block must give more
            double cutoff = top.size() < p ? Double.NEGATIVE_INFINITY : top.get(p - 1).value;
            boolean more = false;
            for (int b = 0; b < solved.length; b++) {
                int count = solved[b].count();
                if (count < blocks.get(b).dimension() && solved[b].values()[count - 1] >= cutoff) {
                    wanted[b] = Math.min(blocks.get(b).dimension(), 2 * count + 4);
                    more = true;
                }
            }
            if (!more) {
                progress.report(1, "KLE basis done");
                return assemble(settings, blocks, solved, top);
            }
        }
    }

    /** Solves every block whose current solution has fewer than the wanted pairs, largest blocks first. */
    private static void solveBlocks(List<SymmetryBlock> blocks, GridCovariance cov, int[] wanted,
                                    BlockEigen[] solved, boolean dense, Progress progress) {
        List<Integer> todo = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            if (solved[b] == null || solved[b].count() < wanted[b]) {
                todo.add(b);
            }
        }
        todo.sort(Comparator.comparingInt(b -> -blocks.get(b).dimension()));
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, todo.size()).parallel().forEach(t -> {
            int b = todo.get(t);
            SymmetryBlock block = blocks.get(b);
            BlockEigen eig = null;
            if (!dense) {
                int maxSteps = MAX_STEPS_PER_PAIR * wanted[b] + MAX_STEPS_EXTRA;
                eig = Lanczos.solve(block, wanted[b], TOLERANCE, FLOOR, maxSteps, START_SEED + b, progress);
            }
            if (eig == null) {
                progress.checkCancelled();
                eig = BlockEigen.dense(block, cov, wanted[b], block.dimension() >= LAPACK_DIMENSION);
            }
            solved[b] = eig;
            progress.report((double) done.incrementAndGet() / todo.size(), "KLE block " + block.name() + " solved");
        });
    }

    /** One eigenpair of C: block b's pair k, and for EO its swap copy. */
    private record Entry(double value, int block, int index, boolean swapped) {
    }

    /**
     * The leading p (or all, when fewer) eigenpairs of C among the solved blocks; ties in order block, index, EO
     * before OE.
     */
    private static List<Entry> leading(BlockEigen[] solved, List<SymmetryBlock> blocks, int p) {
        List<Entry> all = new ArrayList<>();
        for (int b = 0; b < solved.length; b++) {
            double[] values = solved[b].values();
            for (int k = 0; k < values.length; k++) {
                all.add(new Entry(values[k], b, k, false));
                if (blocks.get(b).doubled()) {
                    all.add(new Entry(values[k], b, k, true));
                }
            }
        }
        all.sort(Comparator.comparingDouble((Entry e) -> -e.value).thenComparingInt(e -> e.block)
            .thenComparingInt(e -> e.index).thenComparing(e -> e.swapped));
        return all.subList(0, Math.min(p, all.size()));
    }

    private static KleResult assemble(KleSettings settings, List<SymmetryBlock> blocks, BlockEigen[] solved,
                                      List<Entry> top) {
        int nodes = settings.nodes();
        int p = top.size();
        double[] values = new double[p];
        double[] vectors = new double[p * nodes];
        double residual = 0;
        double sum = 0;
        TreeSet<String> solvers = new TreeSet<>();
        for (int k = 0; k < p; k++) {
            Entry e = top.get(k);
            values[k] = e.value;
            sum += e.value;
            residual = Math.max(residual, solved[e.block].residuals()[e.index]);
            solvers.add(solved[e.block].solver());
            double[] full = blocks.get(e.block).expand(solved[e.block].vectors()[e.index], e.swapped);
            fixSign(full);
            System.arraycopy(full, 0, vectors, k * nodes, nodes);
        }
        double captured = sum / (nodes * settings.variance());
        return new KleResult(settings, values, vectors, residual, captured, String.join("+", solvers));
    }

    /** Makes the first component of magnitude >= 1% of the largest positive (see {@link KleResult}). */
    static void fixSign(double[] v) {
        double max = 0;
        for (double x : v) {
            max = Math.max(max, Math.abs(x));
        }
        for (double x : v) {
            if (Math.abs(x) >= 0.01 * max) {
                if (x < 0) {
                    for (int i = 0; i < v.length; i++) {
                        v[i] = -v[i];
                    }
                }
                return;
            }
        }
    }
}
