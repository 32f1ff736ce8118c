import JobAnalyze
import Testing

/// A quantile case worked by hand with numpy's linear method: h = (n − 1)·p.
struct QuantileCase: Sendable, CustomTestStringConvertible {
    let values: [Double]
    let p: Double
    let expected: Double
    var testDescription: String { "\(values) p=\(p)" }
}

struct StatisticsTests {
    static let quantiles: [QuantileCase] = [
        QuantileCase(values: [1, 2, 3, 4], p: 0.25, expected: 1.75),
        QuantileCase(values: [1, 2, 3, 4], p: 0.5, expected: 2.5),
        QuantileCase(values: [1, 2, 3, 4], p: 0.75, expected: 3.25),
        QuantileCase(values: [1, 2, 3, 4], p: 0, expected: 1),
        QuantileCase(values: [1, 2, 3, 4], p: 1, expected: 4),
        QuantileCase(values: [10], p: 0, expected: 10),
        QuantileCase(values: [10], p: 0.37, expected: 10),
        QuantileCase(values: [10], p: 1, expected: 10),
        QuantileCase(values: [15, 20, 35, 40, 50], p: 0.4, expected: 29),
        QuantileCase(values: [15, 20, 35, 40, 50], p: 0.1, expected: 17),
        QuantileCase(values: [1, 2, 2, 2, 5], p: 0.5, expected: 2),
        QuantileCase(values: [1, 2, 2, 2, 5], p: 0.3, expected: 2),
        QuantileCase(values: [1, 2, 2, 2, 5], p: 0.9, expected: 3.8),
        QuantileCase(values: [7, 7, 7], p: 0.66, expected: 7),
        QuantileCase(values: [100_000, 150_000], p: 0.5, expected: 125_000),
        QuantileCase(values: [100_000, 150_000], p: 0.9, expected: 145_000),
    ]

    @Test(arguments: quantiles)
    func matchesNumpysLinearQuantile(_ row: QuantileCase) {
        let value = Statistics.quantile(sorted: row.values, row.p)
        #expect(abs(value - row.expected) < 1e-9, "got \(value)")
    }

    @Test
    func describesADistribution() throws {
        let distribution = try #require(Statistics.distribution([400, 100, 300, 200]))
        #expect(distribution.count == 4)
        #expect(distribution.min == 100)
        #expect(distribution.max == 400)
        #expect(distribution.mean == 250)
        #expect(distribution.median == 250)
        #expect(abs(distribution.p10 - 130) < 1e-9)
        #expect(distribution.p25 == 175)
        #expect(distribution.p75 == 325)
        #expect(abs(distribution.p90 - 370) < 1e-9)
    }

    @Test
    func describesASingleValue() throws {
        let distribution = try #require(Statistics.distribution([98_765.43]))
        #expect(distribution.count == 1)
        #expect([distribution.p10, distribution.median, distribution.p90, distribution.mean, distribution.min,
                 distribution.max].allSatisfy { $0 == 98_765.43 })
    }

    @Test
    func keepsTheMeanExactToTheCent() throws {
        let values = Array(repeating: 0.1, count: 10_000) + [1_000_000]
        let distribution = try #require(Statistics.distribution(values))
        let expected = (1_000_000 + 1_000) / 10_001.0
        #expect(abs(distribution.mean - expected) < 1e-6)
    }

    @Test
    func hasNoDistributionForNoValues() {
        #expect(Statistics.distribution([]) == nil)
    }
}
