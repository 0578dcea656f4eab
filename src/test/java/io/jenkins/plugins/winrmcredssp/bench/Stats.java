package io.jenkins.plugins.winrmcredssp.bench;

import java.util.Arrays;
import java.util.Locale;

/** Median and spread (p10/p90, min/max) of repeated measurements. */
record Stats(double median, double p10, double p90, double min, double max, int n) {

    static Stats of(double[] samples) {
        double[] s = samples.clone();
        Arrays.sort(s);
        return new Stats(percentile(s, 50), percentile(s, 10), percentile(s, 90), s[0], s[s.length - 1], s.length);
    }

    private static double percentile(double[] sorted, double p) {
        double rank = p / 100 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    /** e.g. {@code 12.3 [p10 11.0, p90 14.2; min 10.9 max 15.0; n=20]}. */
    String describe() {
        return String.format(Locale.ROOT, "%.2f [p10 %.2f p90 %.2f; min %.2f max %.2f; n=%d]", median, p10, p90, min,
                max, n);
    }
}
