import Foundation
import JobPipeline
import JobTestSupport
import Testing

/// Extraction accuracy on the labelled pages of Fixtures/labeled must not fall below what it
/// reached when these floors were set; `jobmarket eval Fixtures/labeled` lists every miss.
struct EvaluationTests {
    static let floors: [String: Double] = [
        "title": 0.92, "level": 0.93, "company": 0.66, "industry": 0.59, "location": 0.75, "salary_min": 0.84,
        "salary_max": 0.83, "salary_currency": 0.87, "salary_period": 0.87,
    ]

    @Test
    func holdsTheAccuracyFloorsOnTheLabelledPages() throws {
        let evaluation = try Evaluation.run(directory: Fixtures.root.appendingPathComponent("labeled"))
        #expect(evaluation.pages >= 80)
        for score in evaluation.scores {
            let floor = try #require(Self.floors[score.field])
            #expect(score.accuracy >= floor, "\(score.field): \(score.correct)/\(score.total) below \(floor)")
        }
        #expect(evaluation.skillPrecision >= 0.84)
        #expect(evaluation.skillRecall >= 0.92)
    }
}
