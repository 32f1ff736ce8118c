import Foundation
import JobPipeline
import JobTestSupport
import Testing

/// Extraction accuracy on the labelled pages of Fixtures/labeled must not fall below what it
/// reached when these floors were set; `jobmarket eval Fixtures/labeled` lists every miss.
struct EvaluationTests {
    static let floors: [String: Double] = [
        "title": 0.99, "level": 0.96, "company": 0.97, "industry": 0.94, "location": 0.96, "salary_min": 0.96,
        "salary_max": 0.96, "salary_currency": 0.99, "salary_period": 0.99,
    ]

    @Test
    func holdsTheAccuracyFloorsOnTheLabelledPages() throws {
        let evaluation = try Evaluation.run(directory: Fixtures.root.appendingPathComponent("labeled"))
        #expect(evaluation.pages >= 133)
        for score in evaluation.scores {
            let floor = try #require(Self.floors[score.field])
            #expect(score.accuracy >= floor, "\(score.field): \(score.correct)/\(score.total) below \(floor)")
        }
        #expect(evaluation.skillPrecision >= 0.88)
        #expect(evaluation.skillRecall >= 0.975)
    }
}
