import ArgumentParser
import Foundation
import JobPipeline

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score extraction on a labelled folder (pages + expected.json): per-field accuracy and every miss.")

    @Argument(help: "A folder with HTML pages and expected.json, e.g. Fixtures/labeled.")
    var directory: String

    func run() async throws {
        await withExitStatus {
            let url = URL(fileURLWithPath: directory)
            guard FileManager.default.fileExists(atPath: url.appendingPathComponent("expected.json").path) else {
                throw CommandFailure(message: "no expected.json in \(directory)", status: .usage)
            }
            print(try Evaluation.run(directory: url).rendered())
            return .ok
        }
    }
}
