import JobModel
import JobStore
import ArgumentParser
import Foundation
import JobPipeline
import JobReport

struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Dump the stored postings as JSON Lines or CSV on stdout.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case jsonl
        case csv
    }

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "jsonl or csv.")
    var format: Format = .jsonl

    @OptionGroup var selection: SelectionOptions

    func run() async throws {
        await withExitStatus {
            let config = try common.loadConfig()
            let stored = try openExisting(config.database).postings(selection.selection(default: .all))
            switch format {
            case .jsonl:
                for item in stored {
                    let object = PostingJSON.object(file: nil, posting: item.posting).dropFirst() + [
                        ("fingerprint", .string(item.posting.fingerprint)), ("source", .string(item.source)),
                        ("first_seen", .string(item.firstSeen)), ("last_seen", .string(item.lastSeen)),
                        ("closed_at", .string(item.closedAt)),
                    ]
                    print(JSONValue.object(Array(object)).rendered())
                }
            case .csv:
                print(ExportTable.table(stored).rendered(), terminator: "")
            }
            return .ok
        }
    }
}
