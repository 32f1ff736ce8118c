import JobModel

extension MarketFacts {
    /// The four groups a posting counts in: its level × industry and the three margins.
    static func keys(level: String, industry: String) -> [GroupKey] {
        [
            GroupKey(level: level, industry: industry), GroupKey(level: level, industry: GroupLabel.all),
            GroupKey(level: GroupLabel.all, industry: industry), GroupKey(level: GroupLabel.all, industry: GroupLabel.all),
        ]
    }

    /// The value a posting contributes to a figure's distribution; site estimates never count.
    static func value(_ posting: Posting, _ figure: SalaryFigure) -> Double? {
        guard let salary = posting.salary, !salary.isEstimate else { return nil }
        switch figure {
        case .midpoint: return salary.annualMidpointUSD
        case .rangeMin: return salary.annualMinUSD
        case .rangeMax: return salary.annualMaxUSD
        }
    }

    /// Folds postings held in memory. Gives the same facts as the database's streaming path.
    public init(postings: [Posting]) {
        self.init()
        var values: [SalaryFigure: [GroupKey: [Double]]] = [:]
        var skillValues: [String: [GroupKey: [Double]]] = [:]
        var titleValues: [TitleKey: [Double]] = [:]
        for posting in postings {
            let level = GroupLabel.level(posting.level)
            let industry = GroupLabel.industry(posting.industry)
            let keys = Self.keys(level: level, industry: industry)
            let midpoint = Self.value(posting, .midpoint)
            for key in keys {
                self.postings[key, default: 0] += 1
                withSalary[key, default: 0] += midpoint == nil ? 0 : 1
                for figure in SalaryFigure.allCases {
                    if let value = Self.value(posting, figure) { values[figure, default: [:]][key, default: []].append(value) }
                }
            }
            let skillKeys = [
                GroupKey(level: level, industry: GroupLabel.all), GroupKey(level: GroupLabel.all, industry: industry),
                GroupKey(level: GroupLabel.all, industry: GroupLabel.all),
            ]
            for skill in Set(posting.skills) {
                for key in skillKeys {
                    skills[skill, default: [:]][key, default: SkillFact(postings: 0, withSalary: 0)].postings += 1
                    if let midpoint {
                        skills[skill]![key]!.withSalary += 1
                        skillValues[skill, default: [:]][key, default: []].append(midpoint)
                    }
                }
            }
            let titleKey = TitleKey(title: posting.canonicalTitle ?? posting.title ?? GroupLabel.unknown, level: level)
            titles[titleKey, default: SkillFact(postings: 0, withSalary: 0)].postings += 1
            if let midpoint {
                titles[titleKey]!.withSalary += 1
                titleValues[titleKey, default: []].append(midpoint)
            }
        }
        for (figure, groups) in values { distributions[figure] = SortedGroups.of(groups) }
        for (skill, groups) in skillValues {
            for (key, median) in SortedGroups.of(groups) { skills[skill]![key]!.median = median.median }
        }
        for (key, distribution) in SortedGroups.of(titleValues) { titles[key]!.median = distribution.median }
        var bandValues: [String: [Double]] = [:]
        for band in MarketAnalysis.publishedBands {
            for level in band.levels {
                bandValues[band.level, default: []] += values[.midpoint]?[GroupKey(level: level.rawValue, industry: GroupLabel.all)] ?? []
            }
        }
        published = SortedGroups.of(bandValues)
        for (key, list) in values[.midpoint] ?? [:] where key.level != GroupLabel.all {
            var reservoir = Reservoir(limit: Self.sampleLimit, seed: SeededGenerator.seed(key.level + "/" + key.industry))
            for value in list.sorted() { reservoir.add(value) }
            samples[key] = reservoir.values
        }
    }
}
