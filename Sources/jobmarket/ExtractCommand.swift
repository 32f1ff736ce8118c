import ArgumentParser
import Foundation
import JobExtract
import JobModel
import JobNormalise
import JobPipeline

struct ExtractCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract", abstract: "Extract the posting of each HTML file as one JSON line, in argument order.")

    @Option(name: .long, help: "The URL the files were fetched from.")
    var url: String?

    @Argument(help: "HTML files.")
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one HTML file") }
    }

    func run() async throws {
        await withExitStatus {
            let lines = FileExtraction().lines(for: files, url: url)
            for (line, _) in lines { print(line) }
            return lines.contains { $0.failed } ? .someFailed : .ok
        }
    }
}

struct SalaryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "salary", abstract: "Parse pay phrases: one JSON line per text argument, or per stdin line.")

    @Option(name: .long, help: "The posting's country (ISO code), which decides what a bare \"$\" means.")
    var country: String?

    @Argument(help: "Pay phrases; without any, one per line of standard input.")
    var texts: [String] = []

    func run() async throws {
        let context = SalaryParser.Context.forCountry(country)
        let emit = { (text: String) in
            print(PostingJSON.salaryLine(text: text, parsed: SalaryParser.parse(text, context: context)).rendered())
        }
        if texts.isEmpty {
            while let line = readLine(strippingNewline: true) { emit(line) }
        } else {
            texts.forEach(emit)
        }
    }
}
