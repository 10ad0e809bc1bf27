package org.fieldvae.label;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.correlation.Covariance;
import org.fieldvae.InvalidInputException;

/**
 * Chooses the labelled samples of a dataset for the semi-supervised loss (Eq. 29).
 *
 * <p>Unstratified: m = {@link LabelSettings.Amount#of(int)} samples drawn uniformly without replacement
 * (a partial Fisher-Yates shuffle driven by {@code SplittableRandom(seed)}).
 *
 * <p>Stratified: the samples are ordered by their projection on the first principal direction of theta
 * (the eigenvector of theta's sample covariance with the largest eigenvalue, sign fixed so its largest
 * component is positive; ties and degenerate theta keep sample order), the order is cut into m
 * consecutive strata, stratum s holding positions {@code floor(s N / m) .. floor((s + 1) N / m) - 1}, and
 * one sample is drawn uniformly from each. Hence for any k dividing m the k quantile bins
 * {@code floor(b N / k) .. floor((b + 1) N / k) - 1} receive exactly m / k labels each: a small labelled
 * set covers the whole range of theta instead of clustering by chance. For p = 1 this is stratification by
 * the quantiles of theta itself. The paper does not say how it chose its labelled samples (Section 4.4);
 * this is FieldVAE's design.
 */
public final class Labeler {
    private Labeler() {
    }

    /**
     * @param theta generative parameters [sample][parameter], finite, not modified
     * @throws IllegalArgumentException if the count exceeds the number of samples
     * @throws InvalidInputException if theta is empty, ragged or not finite
     */
    public static LabelResult label(LabelSettings settings, double[][] theta) {
        checkTheta(theta);
        int samples = theta.length;
        int count = settings.amount().of(samples);
        SplittableRandom random = new SplittableRandom(settings.seed());
        int[] chosen = settings.stratified() ? stratified(principalOrder(theta), count, random) : uniform(samples, count, random);
        boolean[] mask = new boolean[samples];
        for (int i : chosen) {
            mask[i] = true;
        }
        return new LabelResult(mask, count);
    }

    private static void checkTheta(double[][] theta) {
        if (theta.length == 0) {
            throw new InvalidInputException("theta: the dataset has no samples to label");
        }
        for (int s = 0; s < theta.length; s++) {
            if (theta[s].length != theta[0].length) {
                throw new InvalidInputException("theta[" + s + "]: has " + theta[s].length + " parameters, sample 0 has "
                        + theta[0].length);
            }
            for (double v : theta[s]) {
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("theta[" + s + "] = " + Arrays.toString(theta[s]) + ": must be finite");
                }
            }
        }
    }

    /** {@code count} distinct indices of 0..samples-1, uniformly at random. */
    static int[] uniform(int samples, int count, SplittableRandom random) {
        int[] index = IntStream.range(0, samples).toArray();
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(samples - i);
            int t = index[i];
            index[i] = index[j];
            index[j] = t;
        }
        return Arrays.copyOf(index, count);
    }

    /** One index drawn uniformly from each of {@code count} consecutive strata of {@code order}. */
    static int[] stratified(int[] order, int count, SplittableRandom random) {
        int samples = order.length;
        int[] chosen = new int[count];
        for (int s = 0; s < count; s++) {
            int from = (int) ((long) s * samples / count);
            int to = (int) ((long) (s + 1) * samples / count);
            chosen[s] = order[from + random.nextInt(to - from)];
        }
        return chosen;
    }

    /** Sample indices sorted by projection on theta's first principal direction (stable for ties). */
    static int[] principalOrder(double[][] theta) {
        double[] direction = principalDirection(theta);
        double[] projection = new double[theta.length];
        for (int s = 0; s < theta.length; s++) {
            for (int k = 0; k < direction.length; k++) {
                projection[s] += direction[k] * theta[s][k];
            }
        }
        return IntStream.range(0, theta.length).boxed().sorted(Comparator.comparingDouble(s -> projection[s]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static double[] principalDirection(double[][] theta) {
        int p = theta[0].length;
        if (p == 0 || theta.length < 2) {
            return new double[p];
        }
        if (p == 1) {
            return new double[] {1};
        }
        RealMatrix covariance = new Covariance(theta, false).getCovarianceMatrix();
        EigenDecomposition eigen = new EigenDecomposition(covariance);
        double[] values = eigen.getRealEigenvalues();
        int largest = 0;
        for (int i = 1; i < values.length; i++) {
            largest = values[i] > values[largest] ? i : largest;
        }
        double[] v = eigen.getEigenvector(largest).toArray();
        int big = 0;
        for (int k = 1; k < p; k++) {
            big = Math.abs(v[k]) > Math.abs(v[big]) ? k : big;
        }
        if (v[big] < 0) {
            for (int k = 0; k < p; k++) {
                v[k] = -v[k];
            }
        }
        return v;
    }
}
