import FoundationEssentials
import ReformSupport

#if canImport(Glibc)
    import Glibc
#endif

/// The statistics the metrics use, in one place: the Wilson interval of a share, the pooled
/// two-proportion z, the Poisson-binomial upper tail and competition ranks. (Percentages are
/// rounded by `Percentage`, in exact integers.)
public enum Statistics {
    /// The Wilson score interval of `successes` of `trials` as hundredths of a percent (nil for 0 trials).
    public static func wilson(_ successes: Int, _ trials: Int, z: Double) -> (low: Int, high: Int)? {
        guard trials > 0 else { return nil }
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let denominator = 1 + z2 / n
        let center = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        func hundredths(_ x: Double) -> Int { Int((max(0, min(1, x)) * 10000 + 0.5).rounded(.down)) }
        return (hundredths(center - half), hundredths(center + half))
    }

    /// The pooled two-proportion z statistic of x1/n1 against x0/n0 (0 when the pooled share is 0 or 1).
    public static func pooledZ(_ x1: Int, _ n1: Int, _ x0: Int, _ n0: Int) -> Double {
        let pooled = Double(x1 + x0) / Double(n1 + n0)
        let variance = pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n0))
        guard variance > 0 else { return 0 }
        return (Double(x1) / Double(n1) - Double(x0) / Double(n0)) / variance.squareRoot()
    }

    /// The probability that at least `observed` of independent events with probabilities `shares`
    /// happen (Poisson-binomial upper tail): exact for small counts, normal with continuity
    /// correction once the variance is large enough for it to be accurate.
    public static func upperTail(_ observed: Int, shares: [Double]) -> Double {
        if observed <= 0 { return 1 }
        let mean = shares.reduce(0, +), variance = shares.reduce(0) { $0 + $1 * (1 - $1) }
        if variance >= 25 {
            let z = (Double(observed) - 0.5 - mean) / variance.squareRoot()
            return 0.5 * erfc(z / 2.0.squareRoot())
        }
        // distribution[k] = P(k events so far) for k < observed; the last cell collects "observed or more".
        var distribution = [Double](repeating: 0, count: observed + 1)
        distribution[0] = 1
        for share in shares {
            distribution[observed] += distribution[observed - 1] * share
            for k in stride(from: observed - 1, to: 0, by: -1) {
                distribution[k] = distribution[k] * (1 - share) + distribution[k - 1] * share
            }
            distribution[0] *= 1 - share
        }
        return distribution[observed]
    }

    /// Competition ranking ("1224"): equal values share a rank, the next rank skips; highest first.
    /// Compare values as written (pass hundredths), so two values that print the same tie.
    public static func competitionRanks(_ values: [Int]) -> [Int] {
        competitionRanks(values, groups: [String](repeating: "", count: values.count))
    }

    /// Competition ranks within groups: each value ranked among the values of its own group only
    /// (departments apart from communes). `groups[i]` is the group of `values[i]`; sorts once, so a
    /// table of many units costs n log n.
    public static func competitionRanks(_ values: [Int], groups: [String]) -> [Int] {
        precondition(values.count == groups.count, "one group per value")
        let order = values.indices.sorted { a, b in
            groups[a] != groups[b] ? groups[a] < groups[b] : values[a] > values[b]
        }
        var ranks = [Int](repeating: 0, count: values.count)
        var groupStart = 0
        for (position, index) in order.enumerated() {
            if position == 0 || groups[order[position - 1]] != groups[index] {
                groupStart = position
                ranks[index] = 1
            } else if values[order[position - 1]] == values[index] {
                ranks[index] = ranks[order[position - 1]]
            } else {
                ranks[index] = position - groupStart + 1
            }
        }
        return ranks
    }
}
