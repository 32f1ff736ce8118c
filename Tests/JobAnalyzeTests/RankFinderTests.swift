import JobAnalyze
import JobModel
import Testing

/// The folds behind the reports read unsorted rows in any order, over several passes; these check
/// them against sorting everything in memory.
struct RankFinderTests {
    /// Values with repeats, a wide spread (below $1,024, above the top bucket, zero, -0, negative)
    /// and a dense middle, so that buckets are both collected and counted finer.
    static func values(_ count: Int, seed: UInt64) -> [Double] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { index in
            let r = generator.next()
            switch index % 10 {
            case 0: return Double(r % 50) * 1_000
            case 1: return [0, -0.0, -5, 12.5, 3e9, 1e-300][Int(r % 6)]
            case 2: return 123_456.75
            default: return 60_000 + Double(r % 140_000_000) / 1_000
            }
        }
    }

    /// Asks every group for a spread of ranks, streams the values in a new order each pass and
    /// compares with the sorted values.
    @Test(arguments: [64, 1 << 12, 1 << 18])
    func findsTheExactValueAtEveryAskedRank(budget: Int) {
        let groups = (0..<5).map { Self.values([10, 700, 3_000, 20_000, 1][$0], seed: UInt64($0 + 1)) }
        var finder = RankFinder(bucketsPerOctave: 16, collectBudget: budget)
        var rows = groups.enumerated().flatMap { group, values in values.map { (group, $0) } }
        var generator = SeededGenerator(seed: 7)
        rows.shuffle(using: &generator)
        for (group, value) in rows { finder.add(group, value) }
        var asked: [[Int]] = []
        for (group, values) in groups.enumerated() {
            let ranks = Array(Set((0..<40).map { $0 * values.count / 40 } + [values.count - 1])).sorted()
            asked.append(ranks)
            finder.ask(group, ranks: ranks)
        }
        var passes = 1
        while finder.finishPass() {
            rows.shuffle(using: &generator)
            for (group, value) in rows { finder.add(group, value) }
            passes += 1
        }
        // A small budget takes more passes (a bucket counted finer splits 256 ways, and what
        // does not fit waits); an ample one collects every asked bucket in pass 2.
        if budget == 1 << 18 { #expect(passes == 2) }
        for (group, values) in groups.enumerated() {
            let sorted = values.sorted()
            #expect(finder.count(group) == values.count)
            #expect(finder.minimum(group) == sorted.first)
            #expect(finder.maximum(group) == sorted.last)
            for rank in asked[group] {
                #expect(finder.value(group, rank: rank) == sorted[rank], "group \(group) rank \(rank)")
            }
        }
    }

    @Test
    func mergesGroupsIntoAMargin() {
        let parts = [Self.values(500, seed: 3), Self.values(900, seed: 4)]
        var finder = RankFinder(bucketsPerOctave: 4, collectBudget: 100)
        for (group, values) in parts.enumerated() {
            for value in values { finder.add(group, value) }
        }
        finder.merge(0, into: 2)
        finder.merge(1, into: 2)
        let sorted = (parts[0] + parts[1]).sorted()
        finder.ask(2, ranks: [0, 1, 699, 700, 1_399])
        while finder.finishPass() {
            for (group, values) in parts.enumerated() {
                for value in values.reversed() {
                    finder.add(group, value)
                    finder.add(2, value)
                }
            }
        }
        #expect([0, 1, 699, 700, 1_399].map { finder.value(2, rank: $0) } == [0, 1, 699, 700, 1_399].map { sorted[$0] })
    }

    /// Many copies of one value fill a bucket beyond any budget: a single key is known without collecting.
    @Test
    func resolvesABucketOfOneRepeatedValue() {
        var finder = RankFinder(bucketsPerOctave: 4, collectBudget: 10)
        let values = Array(repeating: 95_000.5, count: 5_000) + [94_000, 96_000]
        for value in values { finder.add(0, value) }
        finder.ask(0, ranks: [0, 1, 2_500, 5_001])
        while finder.finishPass() {
            for value in values { finder.add(0, value) }
        }
        #expect([0, 1, 2_500, 5_001].map { finder.value(0, rank: $0) } == [94_000, 95_000.5, 95_000.5, 96_000])
    }

    @Test
    func sumsExactlyInAnyOrder() {
        var sum = ExactSum()
        for value in [1e16, 1, -1e16] { sum.add(value) }
        #expect(sum.value == 1)
        var tenths = ExactSum()
        for _ in 0..<10 { tenths.add(0.1) }
        #expect(tenths.value == 1)
        var values = Self.values(10_000, seed: 9)
        var forward = ExactSum()
        for value in values { forward.add(value) }
        var generator = SeededGenerator(seed: 2)
        values.shuffle(using: &generator)
        var shuffled = ExactSum()
        for value in values { shuffled.add(value) }
        #expect(forward.value == shuffled.value)
    }

    /// The bootstrap sample read off the ranks is the sample a reservoir fed ascending values keeps.
    @Test(arguments: [1, 1_999, 2_000, 2_001, 7_500])
    func picksTheSampleAReservoirFedAscendingValuesKeeps(count: Int) {
        let sorted = Self.values(count, seed: UInt64(count)).sorted()
        let seed = SeededGenerator.seed("senior/finance")
        var reservoir = Reservoir(limit: 2_000, seed: seed)
        for value in sorted { reservoir.add(value) }
        #expect(SampleRanks.of(count: count, limit: 2_000, seed: seed).map { sorted[$0] } == reservoir.values)
    }

    /// The interval from counting ranks equals the one from selecting over each resample's values.
    @Test
    func bootstrapsTheSameIntervalAsSortingEachResample() throws {
        let group = Self.values(300, seed: 5).map { abs($0) + 1 }
        let reference = Self.values(450, seed: 6).map { abs($0) + 1 }
        var generator = SeededGenerator(seed: 11)
        func draw(_ count: Int) -> Int { Int(generator.next().multipliedFullWidth(by: UInt64(count)).high) }
        func median(_ values: [Double]) -> Double { Statistics.quantile(sorted: values.sorted(), 0.5) }
        var premiums: [Double] = []
        for _ in 0..<200 {
            let groupMedian = median((0..<group.count).map { _ in group[draw(group.count)] })
            let referenceMedian = median((0..<reference.count).map { _ in reference[draw(reference.count)] })
            premiums.append((groupMedian - referenceMedian) / referenceMedian * 100)
        }
        premiums.sort()
        let interval = try #require(Bootstrap.premiumInterval(group: group, reference: reference, resamples: 200, seed: 11))
        #expect(interval.0 == Statistics.quantile(sorted: premiums, 0.025))
        #expect(interval.1 == Statistics.quantile(sorted: premiums, 0.975))
    }

    /// Postings streamed unsorted, in a new order each pass, fold into the same facts as sorting
    /// them all in memory: counts, distributions, bands, skills, titles and bootstrap samples.
    @Test
    func foldsTheSameFactsAsSortingInMemory() {
        var generator = SeededGenerator(seed: 21)
        // Three levels, so each level's salaries (about 2,500) exceed the 2,000 of a bootstrap sample.
        let levels: [Level?] = [.mid, .senior, nil]
        let industries: [Industry?] = [.technology, .finance, .healthcare, nil]
        let skills = ["Python", "SQL", "Spark", "AWS"]
        let postings = (0..<9_000).map { index -> Posting in
            let r = generator.next()
            let low = 50_000 + Double(r % 150_000) + (index % 3 == 0 ? 0.25 : 0)
            let high: Double? = index % 5 == 0 ? nil : low + Double(r % 40_000)
            let stated = index % 11 == 0 ? nil : StatedPay(min: low, max: high, currency: "USD", period: .year)
            return Posting(
                title: "Engineer \(index % 4)", canonicalTitle: index % 6 == 0 ? nil : "Engineer",
                level: levels[index % levels.count], industry: industries[index % industries.count],
                salary: stated.map {
                    Salary(stated: $0, annualMinUSD: low, annualMaxUSD: high, source: .jsonld, isEstimate: index % 13 == 0)
                },
                skills: (0..<(index % 4)).map { skills[(index + $0 * 3) % skills.count] } + (index % 7 == 0 ? ["SQL", "SQL"] : []),
                fingerprint: "p\(index)")
        }
        var fold = PostingFold()
        var order = Array(postings.indices)
        repeat {
            order.shuffle(using: &generator)
            for index in order {
                let posting = postings[index]
                let salary = posting.salary.flatMap { $0.isEstimate ? nil : $0 }
                fold.add(
                    level: posting.level?.rawValue, industry: posting.industry?.rawValue,
                    title: posting.canonicalTitle ?? posting.title, midpoint: salary?.annualMidpointUSD,
                    rangeMin: salary?.annualMinUSD, rangeMax: salary?.annualMaxUSD, skills: posting.skills)
            }
        } while fold.finishPass()
        let streamed = fold.facts
        let inMemory = MarketFacts(postings: postings)
        #expect(streamed.postings == inMemory.postings)
        #expect(streamed.withSalary == inMemory.withSalary)
        for figure in SalaryFigure.allCases {
            #expect(streamed.distributions[figure] == inMemory.distributions[figure])
        }
        #expect(streamed.published == inMemory.published)
        #expect(streamed.samples == inMemory.samples)
        #expect(streamed.samples.values.contains { $0.count == MarketFacts.sampleLimit })
        #expect(streamed.skills == inMemory.skills)
        #expect(streamed.titles == inMemory.titles)
    }
}
