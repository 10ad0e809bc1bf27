package org.fieldvae.kle;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.fieldvae.Check;

/** Parsing and printing of the {@link ThetaDistribution} specs; the grammar is in that interface's comment. */
final class DistributionSpec {
    private DistributionSpec() {
    }

    static ThetaDistribution parse(String spec, int dimension) {
        Check.that(spec != null && !spec.isBlank(), "dist", "must be given, e.g. normal");
        Check.atLeast("dimension", dimension, 1);
        String[] parts = spec.trim().split(":");
        String kind = parts[0].trim().toLowerCase(Locale.ROOT);
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            Check.that(kv.length == 2 && !kv[0].isBlank(), "dist = " + spec,
                "'" + parts[i] + "' is not of the form key=value");
            String key = kv[0].trim().toLowerCase(Locale.ROOT);
            Check.that(keys.put(key, kv[1].trim()) == null, "dist = " + spec, "'" + key + "' is given twice");
        }
        switch (kind) {
            case "normal":
                allow(spec, kind, keys, Set.of());
                return new ProductDistribution.Normal(dimension);
            case "gaussian":
                allow(spec, kind, keys, Set.of("mean", "var", "cov"));
                return gaussian(keys, dimension);
            case "mixture":
                allow(spec, kind, keys, Set.of("means", "weights", "var", "cov"));
                return mixture(keys, dimension);
            case "bimodal":
                allow(spec, kind, keys, Set.of("at", "sd"));
                return new ProductDistribution.Bimodal(dimension, number("bimodal at", keys.getOrDefault("at", "1")),
                    number("bimodal sd", keys.getOrDefault("sd", "0.25")));
            case "uniform":
                allow(spec, kind, keys, Set.of("low", "high"));
                Check.that(keys.containsKey("low") && keys.containsKey("high"), "dist = " + spec,
                    "uniform needs low=.. and high=..");
                return new ProductDistribution.Uniform(dimension, number("uniform low", keys.get("low")),
                    number("uniform high", keys.get("high")));
            default:
                throw new IllegalArgumentException("dist = " + spec
                    + ": unknown distribution; expected normal, gaussian, mixture, bimodal or uniform");
        }
    }

    private static void allow(String spec, String kind, Map<String, String> keys, Set<String> allowed) {
        for (String key : keys.keySet()) {
            Check.that(allowed.contains(key), "dist = " + spec,
                "unknown setting '" + key + "' for " + kind + " (allowed: " + String.join(", ",
                    allowed.stream().sorted().toList()) + ")");
        }
    }

    private static GaussianDistribution gaussian(Map<String, String> keys, int p) {
        double[] mean = keys.containsKey("mean") ? vector("gaussian mean", keys.get("mean"), p) : new double[p];
        double[][] cov = covariance("gaussian", keys.get("var"), keys.get("cov"), p);
        return new GaussianDistribution(mean, cov, "gaussian " + (keys.containsKey("cov") ? "cov" : "var"));
    }

    private static MixtureDistribution mixture(Map<String, String> keys, int p) {
        Check.that(keys.containsKey("means"), "mixture means", "must be given, e.g. means=-1,-1;1,1");
        String[] rows = keys.get("means").split(";");
        int k = rows.length;
        double[][] means = new double[k][];
        for (int c = 0; c < k; c++) {
            means[c] = vector("mixture means", rows[c], p);
        }
        double[] weights = new double[k];
        if (keys.containsKey("weights")) {
            weights = list("mixture weights", keys.get("weights"));
            Check.that(weights.length == k, "mixture weights = " + keys.get("weights"),
                "must have one entry per component of means (" + k + ")");
        } else {
            Arrays.fill(weights, 1.0 / k);
        }
        String[] covs = keys.containsKey("cov") ? keys.get("cov").split("\\|") : new String[] {null};
        Check.that(covs.length == 1 || covs.length == k, "mixture cov",
            "must be one matrix shared by all components or one per component (" + k + "), separated by |");
        GaussianDistribution[] components = new GaussianDistribution[k];
        for (int c = 0; c < k; c++) {
            String cov = covs[covs.length == 1 ? 0 : c];
            components[c] = new GaussianDistribution(means[c], covariance("mixture", keys.get("var"), cov, p),
                "mixture " + (cov != null ? "cov" : "var"));
        }
        return new MixtureDistribution(weights, components);
    }

    /** var=v (v I), var=v1,..,vp (diagonal), cov=rows by ';' (full), or I when neither is given. */
    private static double[][] covariance(String kind, String var, String cov, int p) {
        Check.that(var == null || cov == null, kind + " var, cov", "give one of var and cov, not both");
        double[][] m = new double[p][p];
        if (cov != null) {
            String[] rows = cov.split(";");
            Check.that(rows.length == p, kind + " cov = " + cov,
                "must have " + p + " rows separated by ; (theta has dimension " + p + ")");
            for (int i = 0; i < p; i++) {
                m[i] = vector(kind + " cov", rows[i], p);
            }
            return m;
        }
        double[] diagonal = new double[p];
        if (var == null) {
            Arrays.fill(diagonal, 1);
        } else {
            double[] values = list(kind + " var", var);
            Check.that(values.length == 1 || values.length == p, kind + " var = " + var,
                "must be one value or " + p + " (theta has dimension " + p + ")");
            for (int i = 0; i < p; i++) {
                diagonal[i] = Check.positive(kind + " var", values[values.length == 1 ? 0 : i]);
            }
        }
        for (int i = 0; i < p; i++) {
            m[i][i] = diagonal[i];
        }
        return m;
    }

    private static double[] vector(String name, String text, int p) {
        double[] v = list(name, text);
        Check.that(v.length == p, name + " = " + text, "has " + v.length + " entries but theta has dimension "
            + p + " (the number of KLE modes)");
        return v;
    }

    private static double[] list(String name, String text) {
        String[] items = text.split(",", -1);
        double[] v = new double[items.length];
        for (int i = 0; i < items.length; i++) {
            v[i] = number(name, items[i]);
        }
        return v;
    }

    private static double number(String name, String text) {
        try {
            return Check.finite(name, Double.parseDouble(text.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " = " + text + ": is not a number");
        }
    }

    static void checkLength(double[] theta, int p) {
        Check.that(theta != null && theta.length == p, "theta", "must have " + p + " entries");
    }

    /** Integers without ".0", others in Java's shortest round-trip form. */
    static String format(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return Double.toString(x);
    }

    static String format(double[] v) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(format(v[i]));
        }
        return s.toString();
    }

    static String formatMatrix(double[][] m) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < m.length; i++) {
            s.append(i == 0 ? "" : ";").append(format(m[i]));
        }
        return s.toString();
    }

    /** "var=v" (when scalar allowed and cov = v I), "var=v1,..,vp" when diagonal, else "cov=..". */
    static String formatCovariance(double[][] cov, boolean scalar) {
        int p = cov.length;
        boolean diagonal = true;
        boolean isotropic = true;
        double[] d = new double[p];
        for (int i = 0; i < p; i++) {
            d[i] = cov[i][i];
            isotropic &= d[i] == cov[0][0];
            for (int j = 0; j < p; j++) {
                diagonal &= i == j || cov[i][j] == 0;
            }
        }
        if (!diagonal) {
            return "cov=" + formatMatrix(cov);
        }
        return "var=" + (scalar && isotropic ? format(d[0]) : format(d));
    }
}
